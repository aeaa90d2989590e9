package io.eventyard.simulator.bench;

import io.eventyard.simulator.mqtt.DeviceConnection;
import io.eventyard.simulator.mqtt.DeviceNetwork;
import org.HdrHistogram.Recorder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The broker-only baseline: one plain MQTT subscriber on {@code home/+/+} that counts readings and their
 * publish-to-delivery lag, doing no parsing beyond finding {@code ts} and no storage. What it sees is what the
 * broker can deliver to one subscriber on this machine; home-hub cannot ingest more than that.
 */
final class DeliveryCounter {

    private static final Pattern TS = Pattern.compile("\"ts\":\"([^\"]+)\"");

    private final LongAdder delivered = new LongAdder();
    private final Recorder lagMillis = new Recorder(3);
    private final DeviceConnection connection;

    DeliveryCounter(DeviceNetwork network, String id) {
        this.connection = network.connection(id);
        connection.subscribe("home/+/+", (topic, payload) -> {
            Matcher ts = TS.matcher(new String(payload, StandardCharsets.UTF_8));
            if (ts.find()) {
                delivered.increment();
                lagMillis.recordValue(Math.max(0, Instant.now().toEpochMilli() - Instant.parse(ts.group(1)).toEpochMilli()));
            }
        });
    }

    void start() throws Exception {
        connection.start().get();
    }

    long delivered() {
        return delivered.sum();
    }

    Recorder lag() {
        return lagMillis;
    }
}
