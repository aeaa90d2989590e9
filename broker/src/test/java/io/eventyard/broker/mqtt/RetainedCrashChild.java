package io.eventyard.broker.mqtt;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;

/**
 * The child JVM of {@code RetainedMessagesTest}'s kill test: a broker on the data directory in {@code args[0]}
 * that retains, replaces and deletes messages, printing {@code RETAINED <what>} on stdout once each change's
 * sync ticket is durable, then retains {@code crash/counter} = 1, 2, 3, ... for ever, printing
 * {@code RETAINED counter <n>} as each becomes durable, until the test kills it.
 */
final class RetainedCrashChild {

    private RetainedCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Broker broker = Broker.start(BrokerConfig.forTests(Path.of(args[0])));
        RetainedMessages retained = broker.retainedMessages();
        awaitDurable(broker, () -> retained.retain("/", "crash/kept", RetainedMessagesTest.message("crash/kept", "old", 1)));
        awaitDurable(broker, () -> retained.retain("/", "crash/kept", RetainedMessagesTest.richMessage("crash/kept", "new")));
        awaitDurable(broker, () -> retained.retain("/", "crash/deleted", RetainedMessagesTest.message("crash/deleted", "x", 0)));
        awaitDurable(broker, () -> retained.retain("/", "crash/deleted", RetainedMessagesTest.message("crash/deleted", "", 0)));
        // a QoS 0 retained message is kept too (Mosquitto keeps it): transient in AMQP terms, but retained
        awaitDurable(broker, () -> retained.retain("/", "crash/qos0", RetainedMessagesTest.message("crash/qos0", "q0", 0)));
        System.out.println("RETAINED setup");
        System.out.flush();
        // at most this many retains waiting for their fsync, so that the core's queue stays short
        Semaphore outstanding = new Semaphore(256);
        for (long n = 1; ; n++) {
            long value = n;
            outstanding.acquire();
            broker.core().executor().execute(() -> {
                RetainedMessages.Outcome outcome = retained.retain("/", "crash/counter",
                        RetainedMessagesTest.message("crash/counter", Long.toString(value), 1));
                broker.core().durability().whenDurable(outcome.syncTicket(), () -> {
                    System.out.println("RETAINED counter " + value);
                    System.out.flush();
                    outstanding.release();
                });
            });
        }
    }

    private static void awaitDurable(Broker broker, java.util.function.Supplier<RetainedMessages.Outcome> change)
            throws InterruptedException {
        CountDownLatch durable = new CountDownLatch(1);
        broker.core().executor().execute(() ->
                broker.core().durability().whenDurable(change.get().syncTicket(), durable::countDown));
        durable.await();
    }
}
