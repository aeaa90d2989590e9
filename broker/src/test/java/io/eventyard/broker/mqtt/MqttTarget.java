package io.eventyard.broker.mqtt;

/**
 * An MQTT broker the scenarios run against: the bundled one, or the local Mosquitto when
 * {@value MqttTargets#MOSQUITTO_URI_VARIABLE} names it. The same assertions hold on both.
 */
interface MqttTarget extends AutoCloseable {

    /** {@code bundled} or {@code mosquitto}, as test names show it. */
    String name();

    /** {@code tcp://host:port}. */
    String serverUri();

    /** The user to connect as, or null for none (a Mosquitto that allows anonymous clients). */
    String username();

    String password();

    @Override
    void close();
}
