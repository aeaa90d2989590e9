package io.eventyard.broker.amqp.codec;

/** A heartbeat frame (spec 4.2.7): type 8 on channel 0 with an empty payload. */
public enum Heartbeat {
    INSTANCE
}
