package io.eventyard.broker.scenario.harness;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * What one scenario uses on its target, and the cleanup of all of it: connections, and queues, exchanges,
 * virtual hosts and users under names unique to this run. Everything named through a scenario is deleted after
 * the test, whether it passed or not, so that a shared RabbitMQ is left as it was found.
 *
 * <p>Register it per test: {@code @RegisterExtension final Scenario scenario = new Scenario(target);}.
 * Used by the test thread only.
 */
public final class Scenario implements AfterEachCallback {

    /** Every name a scenario creates starts with this, so that leftovers on a shared broker are easy to spot. */
    public static final String NAME_PREFIX = "scenario-";

    private final BrokerTarget target;
    private final List<Connection> connections = new ArrayList<>();
    private final Set<String> queues = new LinkedHashSet<>();
    private final Set<String> exchanges = new LinkedHashSet<>();
    private final Set<String> users = new LinkedHashSet<>();
    private final Set<String> virtualHosts = new LinkedHashSet<>();
    private Connection connection;

    public Scenario(BrokerTarget target) {
        this.target = target;
    }

    public BrokerTarget target() {
        return target;
    }

    /** A new connection as the default user to {@code /}, closed after the test. */
    public Connection connect() throws IOException, TimeoutException {
        return connect(factory -> { });
    }

    /** A new connection with changed settings (user, virtual host, frame-max, ...), closed after the test. */
    public Connection connect(Consumer<ConnectionFactory> settings) throws IOException, TimeoutException {
        ConnectionFactory factory = target.connectionFactory();
        settings.accept(factory);
        Connection opened = factory.newConnection(NAME_PREFIX + "connection-" + (connections.size() + 1));
        connections.add(opened);
        return opened;
    }

    /** A new channel on the scenario's shared connection (opened on first use). */
    public Channel openChannel() throws IOException, TimeoutException {
        if (connection == null || !connection.isOpen()) {
            connection = connect();
        }
        return connection.createChannel();
    }

    /** Whether {@code queue} exists in {@code /} now (a passive declare on a throwaway channel). */
    public boolean queueExists(String queue) throws IOException, TimeoutException {
        Channel probe = openChannel();
        try {
            probe.queueDeclarePassive(queue);
            probe.close();
            return true;
        } catch (IOException notFound) {
            return false;
        }
    }

    /** Waits until the broker has deleted {@code queue} (auto-delete, owner gone). */
    public void awaitQueueGone(String queue) {
        awaitQueueGone(queue, Waits.POLL);
    }

    /**
     * Waits until the broker has deleted {@code queue}, looking every {@code pollInterval}. Looking is a passive
     * declare, which RabbitMQ counts as using the queue: to see an {@code x-expires} queue expire, look less often
     * than its expiry.
     */
    public void awaitQueueGone(String queue, Duration pollInterval) {
        Awaitility.await("queue " + queue + " deleted").atMost(Waits.DEFAULT).pollInterval(pollInterval)
                .until(() -> !queueExists(queue));
    }

    /** Waits until {@code queue} holds exactly {@code count} ready messages. */
    public void awaitMessageCount(String queue, int count) {
        Awaitility.await("queue " + queue + " holding " + count).atMost(Waits.DEFAULT).pollInterval(Waits.POLL)
                .until(() -> {
                    Channel probe = openChannel();
                    try {
                        return probe.queueDeclarePassive(queue).getMessageCount() == count;
                    } finally {
                        probe.close();
                    }
                });
    }

    /** A queue name unique to this run, in {@code /}; the queue is deleted after the test if it exists. */
    public String queueName(String hint) {
        String name = uniqueName(hint);
        queues.add(name);
        return name;
    }

    /** An exchange name unique to this run, in {@code /}; the exchange is deleted after the test if it exists. */
    public String exchangeName(String hint) {
        String name = uniqueName(hint);
        exchanges.add(name);
        return name;
    }

    /** Deletes a queue the broker named (say, a non-exclusive {@code amq.gen-*}) after the test. */
    public void deleteQueueAfterwards(String name) {
        queues.add(name);
    }

    /** Creates a virtual host now and deletes it, with everything in it, after the test. */
    public String virtualHost(String hint) {
        String name = uniqueName(hint);
        virtualHosts.add(name);
        target.admin().addVirtualHost(name);
        return name;
    }

    /** Creates a user now, without any permission, and deletes it after the test. */
    public String user(String hint, String password) {
        String name = uniqueName(hint);
        users.add(name);
        target.admin().addUser(name, password);
        return name;
    }

    /** A name unique to this run that nothing deletes: for things that must not exist. */
    public String uniqueName(String hint) {
        return NAME_PREFIX + hint + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffff_ffffL);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<Exception> failures = new ArrayList<>();
        connections.forEach(opened -> opened.abort(2_000));
        connections.clear();
        if (!queues.isEmpty() || !exchanges.isEmpty()) {
            deleteQueuesAndExchanges(failures);
        }
        users.forEach(user -> attempt(failures, () -> target.admin().deleteUser(user)));
        virtualHosts.forEach(vhost -> attempt(failures, () -> target.admin().deleteVirtualHost(vhost)));
        if (!failures.isEmpty()) {
            IllegalStateException cleanupFailed = new IllegalStateException(
                    "scenario cleanup failed; the target may keep things named " + NAME_PREFIX + "*");
            failures.forEach(cleanupFailed::addSuppressed);
            throw cleanupFailed;
        }
    }

    private void deleteQueuesAndExchanges(List<Exception> failures) {
        // A fresh connection: the test's own may be closed by an error it provoked, or by a restart.
        try (Connection cleanup = target.connectionFactory().newConnection(NAME_PREFIX + "cleanup")) {
            for (String queue : queues) {
                attempt(failures, () -> {
                    try (Channel channel = cleanup.createChannel()) {
                        channel.queueDelete(queue);
                    }
                });
            }
            for (String exchange : exchanges) {
                attempt(failures, () -> {
                    try (Channel channel = cleanup.createChannel()) {
                        channel.exchangeDelete(exchange);
                    }
                });
            }
        } catch (Exception e) {
            failures.add(e);
        }
    }

    private static void attempt(List<Exception> failures, CleanupStep step) {
        try {
            step.run();
        } catch (Exception e) {
            failures.add(e);
        }
    }

    @FunctionalInterface
    private interface CleanupStep {
        void run() throws Exception;
    }
}
