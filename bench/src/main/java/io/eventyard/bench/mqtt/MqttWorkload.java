package io.eventyard.bench.mqtt;

import java.util.Locale;

/**
 * What one run does.
 *
 * @param layout          fan-in, fan-out or idle
 * @param publishers      publishing clients (fan-in: the devices)
 * @param subscribers     subscribing clients
 * @param qos             0, 1 or 2, for publishing and subscribing alike
 * @param size            payload bytes (at least {@link Payload#HEADER_BYTES})
 * @param rate            messages per second per publisher; 0 for as fast as the in-flight window allows
 * @param inflight        publishes per publisher not yet completed (QoS 0: written; 1: PUBACK; 2: PUBCOMP)
 * @param warmupSeconds   publishing before the measured window
 * @param durationSeconds the measured window (idle: how long the connections are held)
 * @param connections     idle: connections to open
 * @param keepAliveSeconds idle: the keep alive each CONNECT announces (PINGREQ at that period)
 * @param sourceAddresses idle: loopback source addresses to spread the connections over; 0 for as many as
 *                        the ephemeral port range needs
 */
public record MqttWorkload(Layout layout, int publishers, int subscribers, int qos, int size, int rate,
                           int inflight, double warmupSeconds, double durationSeconds, int connections,
                           int keepAliveSeconds, int sourceAddresses) {

    public MqttWorkload {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("--qos must be 0, 1 or 2, was " + qos);
        }
        if (size < Payload.HEADER_BYTES) {
            throw new IllegalArgumentException("--size must be at least " + Payload.HEADER_BYTES + " (the header)");
        }
        if (publishers < 1 || subscribers < 1 || inflight < 1 || connections < 1 || keepAliveSeconds < 1) {
            throw new IllegalArgumentException("publishers, subscribers, inflight, connections and keep alive must be positive");
        }
        if (rate < 0 || warmupSeconds < 0 || durationSeconds <= 0 || sourceAddresses < 0) {
            throw new IllegalArgumentException("rate, warm-up and source addresses must not be negative, the duration positive");
        }
    }

    /** The defaults of each layout, before options are applied. */
    public static MqttWorkload defaults(Layout layout) {
        return switch (layout) {
            case FAN_IN -> new MqttWorkload(layout, 50, 1, 0, 64, 0, 100, 5, 20, 1, 30, 0);
            case FAN_OUT -> new MqttWorkload(layout, 1, 50, 0, 64, 0, 100, 5, 20, 1, 30, 0);
            case IDLE -> new MqttWorkload(layout, 1, 1, 0, 64, 0, 100, 0, 20, 10_000, 30, 0);
        };
    }

    /** Every copy of a message that should arrive: each subscriber gets each message. */
    public int deliveriesPerMessage() {
        return subscribers;
    }

    public String describe() {
        if (layout == Layout.IDLE) {
            return String.format(Locale.ROOT, "%,d idle connections, keep alive %d s, held %s s",
                    connections, keepAliveSeconds, seconds(durationSeconds));
        }
        String pace = rate == 0 ? "max rate (" + inflight + " in flight each)" : rate + " msg/s each";
        return String.format(Locale.ROOT, "%d publisher%s → %d subscriber%s, QoS %d, %d B, %s, %s s after %s s warm-up",
                publishers, publishers == 1 ? "" : "s", subscribers, subscribers == 1 ? "" : "s", qos, size, pace,
                seconds(durationSeconds), seconds(warmupSeconds));
    }

    private static String seconds(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
