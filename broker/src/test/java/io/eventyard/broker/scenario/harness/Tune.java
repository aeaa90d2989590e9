package io.eventyard.broker.scenario.harness;

/** The limits of {@code connection.tune} / {@code tune-ok}: channel-max, frame-max (octets), heartbeat (seconds). */
public record Tune(int channelMax, int frameMax, int heartbeat) {

    public Tune withChannelMax(int value) {
        return new Tune(value, frameMax, heartbeat);
    }

    public Tune withFrameMax(int value) {
        return new Tune(channelMax, value, heartbeat);
    }

    public Tune withHeartbeat(int value) {
        return new Tune(channelMax, frameMax, value);
    }
}
