-- Device availability: from home/{device}/status (and the device's will) and from an inactivity timeout.
CREATE TABLE device (
    device     VARCHAR(120) NOT NULL PRIMARY KEY,
    online     BOOLEAN      NOT NULL,
    last_seen  TIMESTAMP WITH TIME ZONE NOT NULL,
    reason     VARCHAR(16)  NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
