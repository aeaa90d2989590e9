-- Sensor readings from home/{room}/{sensor}: the history (one row per sensor and measurement time, so a
-- message the broker delivers again is stored once) and the latest value per sensor.
CREATE TABLE reading (
    sensor_id     VARCHAR(255) NOT NULL,
    room          VARCHAR(120) NOT NULL,
    sensor        VARCHAR(120) NOT NULL,
    reading_value DOUBLE PRECISION NOT NULL,
    unit          VARCHAR(32),
    measured_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (sensor_id, measured_at)
);
CREATE INDEX reading_measured_at ON reading (measured_at);

CREATE TABLE latest_reading (
    sensor_id     VARCHAR(255) NOT NULL PRIMARY KEY,
    room          VARCHAR(120) NOT NULL,
    sensor        VARCHAR(120) NOT NULL,
    reading_value DOUBLE PRECISION NOT NULL,
    unit          VARCHAR(32),
    measured_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
