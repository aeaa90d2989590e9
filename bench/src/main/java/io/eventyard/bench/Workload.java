package io.eventyard.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one run does, whichever broker it targets.
 *
 * @param producers  publishing connections (in {@code short-connections}: concurrent clients)
 * @param consumers  consuming connections, spread over the queues
 * @param queues     queues; producers publish round-robin over them, or to all at once with {@code fanout}
 * @param size       message body size in bytes; the first 8 carry the publish time
 * @param warmup     time run but not measured, so that both brokers are measured warm
 * @param duration   measured time; ignored when {@code messages} is set
 * @param messages   publish this many messages in total and measure until they are all consumed; 0 for none
 * @param confirm    publisher confirms with at most this many unconfirmed messages; 0 for none
 * @param persistent delivery mode 2 into durable queues
 * @param autoAck    consumers do not acknowledge
 * @param prefetch   basic.qos prefetch count per consumer when acknowledging; 0 for unlimited
 * @param multiAck   acknowledge with multiple=true every this many messages; 1 acknowledges each one
 * @param fanout     publish to a fanout exchange bound to every queue
 * @param rate       messages per second per producer; 0 for as fast as the broker takes them
 * @param maxTime    hard bound of any measured phase
 */
public record Workload(
        int producers,
        int consumers,
        int queues,
        int size,
        Duration warmup,
        Duration duration,
        long messages,
        int confirm,
        boolean persistent,
        boolean autoAck,
        int prefetch,
        int multiAck,
        boolean fanout,
        int rate,
        Duration maxTime) {

    /** Bytes of the body that carry the publish time ({@link System#nanoTime()}). */
    public static final int TIMESTAMP_BYTES = Long.BYTES;

    public Workload {
        requireAtLeast("producers", producers, 0);
        requireAtLeast("consumers", consumers, 0);
        requireAtLeast("queues", queues, 1);
        requireAtLeast("size", size, TIMESTAMP_BYTES);
        requireAtLeast("messages", messages, 0);
        requireAtLeast("confirm", confirm, 0);
        requireAtLeast("prefetch", prefetch, 0);
        requireAtLeast("multi-ack", multiAck, 1);
        requireAtLeast("rate", rate, 0);
        if (!autoAck && prefetch > 0 && multiAck > prefetch) {
            throw new IllegalArgumentException("multi-ack " + multiAck + " can never be reached with prefetch "
                    + prefetch + ": the consumer would wait forever");
        }
        if (prefetch > 65535) {
            throw new IllegalArgumentException("prefetch must be at most 65535, was " + prefetch);
        }
    }

    /** A copy with one command-line option applied, e.g. {@code with("size", "4000")}. */
    public Workload with(String option, String value) {
        switch (option) {
            case "producers":
                return new Workload(parseInt(option, value), consumers, queues, size, warmup, duration, messages,
                        confirm, persistent, autoAck, prefetch, multiAck, fanout, rate, maxTime);
            case "consumers":
                return new Workload(producers, parseInt(option, value), queues, size, warmup, duration, messages,
                        confirm, persistent, autoAck, prefetch, multiAck, fanout, rate, maxTime);
            case "queues":
                return new Workload(producers, consumers, parseInt(option, value), size, warmup, duration, messages,
                        confirm, persistent, autoAck, prefetch, multiAck, fanout, rate, maxTime);
            case "size":
                return new Workload(producers, consumers, queues, parseInt(option, value), warmup, duration, messages,
                        confirm, persistent, autoAck, prefetch, multiAck, fanout, rate, maxTime);
            case "warmup":
                return new Workload(producers, consumers, queues, size, parseSeconds(option, value), duration, messages,
                        confirm, persistent, autoAck, prefetch, multiAck, fanout, rate, maxTime);
            case "duration":
                return new Workload(producers, consumers, queues, size, warmup, parseSeconds(option, value), 0,
                        confirm, persistent, autoAck, prefetch, multiAck, fanout, rate, maxTime);
            case "messages":
                return new Workload(producers, consumers, queues, size, warmup, duration, parseLong(option, value),
                        confirm, persistent, autoAck, prefetch, multiAck, fanout, rate, maxTime);
            case "confirm":
                return new Workload(producers, consumers, queues, size, warmup, duration, messages,
                        parseInt(option, value), persistent, autoAck, prefetch, multiAck, fanout, rate, maxTime);
            case "persistent":
                return new Workload(producers, consumers, queues, size, warmup, duration, messages,
                        confirm, true, autoAck, prefetch, multiAck, fanout, rate, maxTime);
            case "transient":
                return new Workload(producers, consumers, queues, size, warmup, duration, messages,
                        confirm, false, autoAck, prefetch, multiAck, fanout, rate, maxTime);
            case "auto-ack":
                return new Workload(producers, consumers, queues, size, warmup, duration, messages,
                        confirm, persistent, true, prefetch, multiAck, fanout, rate, maxTime);
            case "manual-ack":
                return new Workload(producers, consumers, queues, size, warmup, duration, messages,
                        confirm, persistent, false, prefetch, multiAck, fanout, rate, maxTime);
            case "prefetch":
                return new Workload(producers, consumers, queues, size, warmup, duration, messages,
                        confirm, persistent, autoAck, parseInt(option, value), multiAck, fanout, rate, maxTime);
            case "multi-ack":
                return new Workload(producers, consumers, queues, size, warmup, duration, messages,
                        confirm, persistent, false, prefetch, parseInt(option, value), fanout, rate, maxTime);
            case "fanout":
                return new Workload(producers, consumers, queues, size, warmup, duration, messages,
                        confirm, persistent, autoAck, prefetch, multiAck, true, rate, maxTime);
            case "direct":
                return new Workload(producers, consumers, queues, size, warmup, duration, messages,
                        confirm, persistent, autoAck, prefetch, multiAck, false, rate, maxTime);
            case "rate":
                return new Workload(producers, consumers, queues, size, warmup, duration, messages,
                        confirm, persistent, autoAck, prefetch, multiAck, fanout, parseInt(option, value), maxTime);
            case "max-seconds":
                return new Workload(producers, consumers, queues, size, warmup, duration, messages,
                        confirm, persistent, autoAck, prefetch, multiAck, fanout, rate, parseSeconds(option, value));
            default:
                throw new IllegalArgumentException("unknown option --" + option);
        }
    }

    /** Whether {@code option} is a flag, i.e. takes no value. */
    public static boolean isFlag(String option) {
        return List.of("persistent", "transient", "auto-ack", "manual-ack", "fanout", "direct").contains(option);
    }

    /** Deliveries each published message makes: one per queue with {@code fanout}, else one. */
    public int deliveriesPerMessage() {
        return fanout ? queues : 1;
    }

    /** Whether the run ends after a message count rather than after a time. */
    public boolean counted() {
        return messages > 0;
    }

    /** One line for the table, e.g. {@code 1 producer, 1 consumer, 1000 B, transient, auto-ack}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(plural(producers, "producer"));
        parts.add(plural(consumers, "consumer"));
        if (queues > 1 || fanout) {
            parts.add(plural(queues, "queue") + (fanout ? " (fanout)" : ""));
        }
        parts.add(size + " B");
        parts.add(persistent ? "persistent" : "transient");
        if (confirm > 0) {
            parts.add("confirms " + confirm + " outstanding");
        }
        if (consumers > 0) {
            if (autoAck) {
                parts.add("auto-ack");
            } else {
                parts.add("manual ack" + (multiAck > 1 ? " every " + multiAck : "")
                        + (prefetch > 0 ? ", prefetch " + prefetch : ", no prefetch limit"));
            }
        }
        if (rate > 0) {
            parts.add(rate + " msg/s per producer");
        }
        parts.add(counted() ? messages + " messages" : seconds(duration) + " s after " + seconds(warmup) + " s warm-up");
        return String.join(", ", parts);
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static String seconds(Duration value) {
        long millis = value.toMillis();
        return millis % 1000 == 0 ? String.valueOf(millis / 1000) : String.valueOf(millis / 1000.0);
    }

    private static void requireAtLeast(String name, long value, long least) {
        if (value < least) {
            throw new IllegalArgumentException(name + " must be at least " + least + ", was " + value);
        }
    }

    private static int parseInt(String option, String value) {
        return Math.toIntExact(parseLong(option, value));
    }

    private static long parseLong(String option, String value) {
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("--" + option + " takes a whole number, got " + value);
        }
    }

    private static Duration parseSeconds(String option, String value) {
        try {
            double seconds = Double.parseDouble(value);
            if (seconds < 0) {
                throw new IllegalArgumentException("--" + option + " must not be negative, got " + value);
            }
            return Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("--" + option + " takes seconds, got " + value);
        }
    }
}
