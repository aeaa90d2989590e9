package io.eventyard.broker.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What a test client received: messages in arrival order, and how its connection ended, if it did. */
final class Received {

    /**
     * @param properties a 5.0 client's {@code org.eclipse.paho.mqttv5.common.packet.MqttProperties}; null for 3.1.1
     */
    record Delivery(String topic, byte[] payload, int qos, boolean duplicate, boolean retained, Object properties) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    static final Duration WAIT = Duration.ofSeconds(5);

    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> disconnects = new LinkedBlockingQueue<>();

    void add(String topic, byte[] payload, int qos) {
        add(new Delivery(topic, payload, qos, false, false, null));
    }

    void add(Delivery delivery) {
        deliveries.add(delivery);
    }

    /** Every delivery on topics containing {@code prefix} until none has come for {@code quiet}. */
    List<Delivery> drain(String prefix, Duration quiet) throws InterruptedException {
        List<Delivery> seen = new ArrayList<>();
        while (true) {
            Delivery delivery = deliveries.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            if (delivery == null) {
                return seen;
            }
            if (delivery.topic().contains(prefix)) {
                seen.add(delivery);
            }
        }
    }

    /** Nothing arrived on topics containing {@code prefix} within {@code wait}. */
    boolean nothingWithin(String prefix, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Delivery delivery = deliveries.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (delivery == null) {
                return true;
            }
            if (delivery.topic().contains(prefix)) {
                return false;
            }
        }
    }

    /** The connection ended; {@code reason} is the 5.0 DISCONNECT reason code, or -1 when none came. */
    void lost(int reason) {
        disconnects.add(reason);
    }

    /** The next delivery whose topic contains {@code prefix} (others are skipped: a shared Mosquitto). */
    Delivery next(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Delivery delivery = deliveries.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (delivery == null) {
                throw new AssertionError("nothing on '" + prefix + "...' within " + WAIT);
            }
            if (delivery.topic().contains(prefix)) {
                return delivery;
            }
        }
    }

    /** The next {@code count} deliveries on topics containing {@code prefix}. */
    List<Delivery> take(String prefix, int count) throws InterruptedException {
        List<Delivery> seen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            seen.add(next(prefix));
        }
        return seen;
    }

    /** Every delivery on topics containing {@code prefix} up to and including the one on {@code marker}. */
    List<Delivery> until(String prefix, String marker) throws InterruptedException {
        List<Delivery> seen = new ArrayList<>();
        while (true) {
            Delivery delivery = next(prefix);
            seen.add(delivery);
            if (delivery.topic().equals(marker)) {
                return seen;
            }
        }
    }

    Integer disconnect(Duration wait) throws InterruptedException {
        return disconnects.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }
}
