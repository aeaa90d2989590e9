/** The MQTT client home-hub publishes with (alert notices, light commands). */
package io.eventyard.homehub.mqtt;
