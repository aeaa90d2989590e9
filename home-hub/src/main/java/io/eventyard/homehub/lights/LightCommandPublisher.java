package io.eventyard.homehub.lights;

import io.micronaut.mqtt.annotation.Qos;
import io.micronaut.mqtt.annotation.Topic;
import io.micronaut.mqtt.annotation.v5.MqttPublisher;

/**
 * Light commands at QoS 1, not retained: a command is for now, and a retained one would replay to a light that
 * reconnects hours later. Returns once the broker has acknowledged (PUBACK).
 */
@MqttPublisher
interface LightCommandPublisher {

    @Qos(1)
    void send(@Topic String topic, byte[] payload);
}
