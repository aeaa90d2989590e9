package io.eventyard.bench;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * Opens the connections of one run against one target, reports every close the broker initiated and every
 * flow-control block as an incident, and closes what is still open at the end. Recovery is off, so a
 * broker-side failure shows up instead of being papered over.
 */
final class ClientConnections implements AutoCloseable {

    private static final int CLOSE_TIMEOUT_MILLIS = 5000;

    private final ConnectionFactory factory = new ConnectionFactory();
    private final Incidents incidents;
    private final Deque<Connection> open = new ArrayDeque<>();

    ClientConnections(Target target, Incidents incidents) {
        this.incidents = incidents;
        try {
            factory.setUri(target.uri());
        } catch (Exception e) {
            throw new IllegalArgumentException("bad AMQP URI " + target.displayUri() + ": " + e.getMessage(), e);
        }
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        factory.setConnectionTimeout(10_000);
    }

    /** A connection kept until {@link #close()}. */
    Connection open(String role) throws IOException, TimeoutException {
        Connection connection = openWatched(role);
        synchronized (open) {
            open.push(connection);
        }
        return connection;
    }

    /** A connection the caller closes itself (short-connection cycles). */
    Connection openShortLived(String role) throws IOException, TimeoutException {
        return openWatched(role);
    }

    private Connection openWatched(String role) throws IOException, TimeoutException {
        Connection connection = factory.newConnection("eventyard-bench-" + role);
        connection.addShutdownListener(cause -> {
            if (!cause.isInitiatedByApplication()) {
                incidents.report(role + " connection " + Incidents.describeShutdown(cause));
            }
        });
        connection.addBlockedListener(new BlockedListener() {
            @Override
            public void handleBlocked(String reason) {
                incidents.report(role + " connection blocked by broker: " + reason);
            }

            @Override
            public void handleUnblocked() {
            }
        });
        return connection;
    }

    /** A channel on {@code connection} whose broker-initiated close (a channel error) is an incident. */
    Channel openChannel(Connection connection, String role) throws IOException {
        Channel channel = connection.createChannel();
        channel.addShutdownListener(cause -> {
            // A connection error closes its channels too; the connection's listener reports that one.
            if (!cause.isInitiatedByApplication() && !cause.isHardError()) {
                incidents.report(role + " channel " + Incidents.describeShutdown(cause));
            }
        });
        return channel;
    }

    /** The product and version the broker announced in connection.start, e.g. {@code RabbitMQ 3.10.8}. */
    static String serverOf(Connection connection) {
        Object product = connection.getServerProperties().get("product");
        Object version = connection.getServerProperties().get("version");
        return ((product == null ? "" : product + " ") + (version == null ? "" : version)).trim();
    }

    /** Closes {@code connection}, aborting it if a clean close does not finish in time. */
    static void closeQuietly(Connection connection) {
        if (!connection.isOpen()) {
            return;
        }
        try {
            connection.close(CLOSE_TIMEOUT_MILLIS);
        } catch (IOException | RuntimeException e) {
            connection.abort(CLOSE_TIMEOUT_MILLIS);
        }
    }

    /** Closes the connections kept, newest first. */
    @Override
    public void close() {
        synchronized (open) {
            while (!open.isEmpty()) {
                closeQuietly(open.pop());
            }
        }
    }
}
