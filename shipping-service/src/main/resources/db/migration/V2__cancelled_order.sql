-- Orders cancelled before they were shipped: a later (or redelivered) order.paid for one of them ships nothing.
CREATE TABLE cancelled_order (
    order_id     VARCHAR PRIMARY KEY,
    cancelled_at TIMESTAMP WITH TIME ZONE NOT NULL
);
