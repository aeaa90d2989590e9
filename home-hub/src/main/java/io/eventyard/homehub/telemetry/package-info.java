/** Sensor readings from {@code home/#}: ingestion, storage in batches, latest values, history. */
package io.eventyard.homehub.telemetry;
