-- One database per service, as each owns its tables (and its Flyway history, outbox and inbox).
-- Run once, by the postgres image, when the postgres-data volume is new.
CREATE DATABASE order_service;
CREATE DATABASE payment_service;
CREATE DATABASE shipping_service;
CREATE DATABASE email_worker;
CREATE DATABASE home_hub;
