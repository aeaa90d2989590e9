/**
 * Alert rules on sensor readings: a threshold held for a duration fires an alert, a clear condition (with
 * hysteresis and its own duration) clears it. Each change is logged, announced on MQTT
 * {@code alerts/{severity}/{ruleId}} and mailed through the email-worker.
 */
package io.eventyard.homehub.alerts;
