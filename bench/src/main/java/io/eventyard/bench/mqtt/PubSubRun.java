package io.eventyard.bench.mqtt;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.eventyard.bench.orders.LatencyPercentiles;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.HdrHistogram.Histogram;

/**
 * A fan-in or fan-out run against one target: subscribers first, then the publishers for warm-up plus
 * the measured window, then a drain until every message has arrived or nothing has for a while, then the
 * count of what was lost or came twice. Clients are {@link LeanMqttClient}s; publishers on one group of
 * event loops, subscribers on another, at most two threads each (the machine has two cores).
 *
 * <p>Fan-in: publisher i publishes to {@code <prefix>/home/device-i/temp}, the subscribers subscribe to
 * {@code <prefix>/home/#}. Fan-out: every publisher publishes to {@code <prefix>/fanout}, which every
 * subscriber subscribes to. The prefix {@code bench-<run>-<layout>-<target>} and the client ids under it
 * are unique per run, so a run on a shared broker touches nobody else's topics or sessions.
 */
final class PubSubRun {

    private static final long QUIET_DRAIN_MILLIS = 3_000;
    private static final long MAX_DRAIN_MILLIS = 20_000;

    private final MqttTarget target;
    private final MqttWorkload workload;
    private final String prefix;
    private final PrintStream progress;
    private final Incidents incidents = new Incidents();

    PubSubRun(MqttTarget target, MqttWorkload workload, String prefix, PrintStream progress) {
        this.target = target;
        this.workload = workload;
        this.prefix = prefix;
        this.progress = progress;
    }

    MqttResult run() throws InterruptedException {
        List<Subscriber> subscribers = new ArrayList<>();
        List<Publisher> publishers = new ArrayList<>();
        EventLoopGroup publishing = new MultiThreadIoEventLoopGroup(Math.min(2, workload.publishers()), NioIoHandler.newFactory());
        EventLoopGroup subscribing = new MultiThreadIoEventLoopGroup(Math.min(2, workload.subscribers()), NioIoHandler.newFactory());
        try {
            String filter = workload.layout() == Layout.FAN_IN ? prefix + "/home/#" : prefix + "/fanout";
            MeasuredWindow window = new MeasuredWindow();
            for (int s = 0; s < workload.subscribers(); s++) {
                Subscriber subscriber = new Subscriber(workload.publishers(), window, incidents);
                subscribers.add(subscriber);
                subscriber.attach(LeanMqttClient.connect(subscribing, target, prefix + "-s" + s, subscriber,
                        (id, ok) -> { }, this::lost));
                int granted = subscriber.client().subscribe(filter, workload.qos());
                if (granted != workload.qos()) {
                    throw new IllegalStateException("subscription granted QoS " + granted + ", not " + workload.qos());
                }
            }
            for (int p = 0; p < workload.publishers(); p++) {
                String topic = workload.layout() == Layout.FAN_IN ? prefix + "/home/device-" + p + "/temp"
                        : prefix + "/fanout";
                Publisher publisher = new Publisher(p, topic, workload, window, incidents);
                publishers.add(publisher);
                publisher.attach(LeanMqttClient.connect(publishing, target, prefix + "-p" + p,
                        message -> { }, publisher, this::lost));
            }
            // Publishers start together once all are connected; the window opens after the warm-up.
            window.place(System.nanoTime(), workload.warmupSeconds(), workload.durationSeconds());
            publishers.forEach(Publisher::start);
            report(window, publishers, subscribers);
            publishers.forEach(Publisher::stop);
            for (Publisher publisher : publishers) {
                if (!publisher.awaitCompletions(10_000)) {
                    incidents.note("publishes still incomplete 10 s after the end");
                }
            }
            long[] sent = publishers.stream().mapToLong(Publisher::sequencesUsed).toArray();
            drain(subscribers, sent);
            publishers.forEach(p -> p.client().disconnect());
            subscribers.forEach(s -> s.client().disconnect());

            Histogram endToEnd = new Histogram(3_600_000_000L, 3);
            Histogram done = new Histogram(3_600_000_000L, 3);
            long lost = 0;
            long duplicates = 0;
            for (Subscriber subscriber : subscribers) {
                endToEnd.add(subscriber.endToEnd());
                lost += subscriber.tracker().lost(sent);
                duplicates += subscriber.tracker().duplicates();
            }
            publishers.forEach(publisher -> done.add(publisher.publishDone()));
            return new MqttResult(workload.layout(), workload, target.name(), null, window.seconds(),
                    publishers.stream().mapToLong(Publisher::sentInWindow).sum(),
                    subscribers.stream().mapToLong(Subscriber::arrivedInWindow).sum(),
                    LatencyPercentiles.of(endToEnd), LatencyPercentiles.of(done), lost, duplicates, null,
                    incidents.summary());
        } catch (RuntimeException e) {
            return MqttResult.failed(workload, target.name(), Incidents.describe(e), incidents.summary());
        } finally {
            for (Publisher publisher : publishers) {
                if (publisher.client() != null) {
                    publisher.stop();
                    publisher.client().disconnect();
                }
            }
            subscribers.stream().filter(s -> s.client() != null).forEach(s -> s.client().disconnect());
            publishing.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
            subscribing.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    private void lost(Throwable cause) {
        incidents.note("connection lost: " + Incidents.describe(cause));
    }

    /** A progress line a second on stderr until the window ends. */
    private void report(MeasuredWindow window, List<Publisher> publishers, List<Subscriber> subscribers)
            throws InterruptedException {
        long lastSent = 0;
        long lastReceived = 0;
        long tick = System.nanoTime();
        while (System.nanoTime() < window.endNanos()) {
            tick += 1_000_000_000L;
            sleepUntil(Math.min(tick, window.endNanos()));
            long sentNow = publishers.stream().mapToLong(Publisher::sequencesUsed).sum();
            long receivedNow = subscribers.stream().mapToLong(Subscriber::arrived).sum();
            if (progress != null) {
                String phase = System.nanoTime() <= window.startNanos() ? "warm-up" : "measured";
                progress.printf(Locale.ROOT, "   [%s %s] sent %,d/s  received %,d/s%n", target.name(), phase,
                        sentNow - lastSent, receivedNow - lastReceived);
            }
            lastSent = sentNow;
            lastReceived = receivedNow;
        }
    }

    /** Waits until every subscriber has every message, or nothing arrived for a while. */
    private void drain(List<Subscriber> subscribers, long[] sent) throws InterruptedException {
        long expected = 0;
        for (long each : sent) {
            expected += each;
        }
        expected *= subscribers.size();
        long deadline = System.currentTimeMillis() + MAX_DRAIN_MILLIS;
        long last = -1;
        long lastChange = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            long arrived = subscribers.stream().mapToLong(Subscriber::arrived).sum();
            if (arrived >= expected) {
                return;
            }
            if (arrived != last) {
                last = arrived;
                lastChange = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - lastChange > QUIET_DRAIN_MILLIS) {
                return;
            }
            Thread.sleep(50);
        }
        incidents.note("deliveries still arriving " + MAX_DRAIN_MILLIS / 1000 + " s after the last publish");
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, wait / 1_000_000));
        }
    }
}
