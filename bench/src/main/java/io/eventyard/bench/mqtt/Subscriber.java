package io.eventyard.bench.mqtt;

import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.HdrHistogram.Histogram;

/**
 * One subscribing client's measurements: times each delivery against the timestamp in its payload and
 * notes its sequence number. Called on the client's event loop, which owns the histogram and the tracker;
 * the counters are volatile for the progress line.
 */
final class Subscriber implements Consumer<MqttPublishMessage> {

    private final MeasuredWindow window;
    private final Incidents incidents;
    private final SequenceTracker tracker;
    private final Histogram endToEndMicros = new Histogram(3_600_000_000L, 3);
    private LeanMqttClient client;
    private volatile long arrived;
    private volatile long arrivedInWindow;

    Subscriber(int publishers, MeasuredWindow window, Incidents incidents) {
        this.window = window;
        this.incidents = incidents;
        this.tracker = new SequenceTracker(publishers);
    }

    void attach(LeanMqttClient client) {
        this.client = client;
    }

    LeanMqttClient client() {
        return client;
    }

    @Override
    public void accept(MqttPublishMessage message) {
        long now = System.nanoTime();
        ByteBuf body = message.payload();
        if (body.readableBytes() < Payload.HEADER_BYTES) {
            incidents.note("foreign message on " + message.variableHeader().topicName());
            return;
        }
        int at = body.readerIndex();
        long sentNanos = body.getLong(at);
        try {
            tracker.record(body.getInt(at + 8), body.getLong(at + 12));
        } catch (IllegalArgumentException e) {
            incidents.note("foreign message on " + message.variableHeader().topicName());
            return;
        }
        arrived++;
        if (window.contains(now)) {
            arrivedInWindow++;
            endToEndMicros.recordValue(Math.max(0, (now - sentNanos) / 1000));
        }
    }

    long arrived() {
        return arrived;
    }

    long arrivedInWindow() {
        return arrivedInWindow;
    }

    /** Read once the client is disconnected: the event loop has stopped writing. */
    Histogram endToEnd() {
        return endToEndMicros;
    }

    SequenceTracker tracker() {
        return tracker;
    }
}
