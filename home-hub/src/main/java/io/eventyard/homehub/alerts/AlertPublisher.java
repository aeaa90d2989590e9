package io.eventyard.homehub.alerts;

import io.micronaut.mqtt.annotation.Qos;
import io.micronaut.mqtt.annotation.Retained;
import io.micronaut.mqtt.annotation.Topic;
import io.micronaut.mqtt.annotation.v5.MqttPublisher;

/**
 * Alert messages, retained at QoS 1. Returns once the broker has acknowledged (PUBACK), throws when it did not.
 * Blocks, so it is never called on the MQTT client's callback thread.
 */
@MqttPublisher
interface AlertPublisher {

    @Qos(1)
    @Retained(true)
    void publish(@Topic String topic, byte[] payload);
}
