package io.eventyard.broker.scenario.harness;

import com.rabbitmq.client.ConnectionFactory;
import io.eventyard.broker.BrokerAdmin;

import java.io.IOException;

/**
 * A broker the scenarios run against: the bundled one, or a real RabbitMQ. Every scenario makes the same
 * assertions on every target; that they pass on RabbitMQ is what makes them the definition of "compatible".
 *
 * <p>A target is created once per scenario class and closed after it (JUnit closes it as an
 * {@link AutoCloseable} argument of {@link ForEachBrokerTarget}).
 */
public interface BrokerTarget extends AutoCloseable {

    /** How the target appears in test names: {@code bundled} or {@code rabbitmq}. */
    String name();

    /**
     * A new factory for connections as the default user to the default virtual host {@code /}. Ask again after
     * {@link #restart()}: the port may have changed.
     */
    ConnectionFactory connectionFactory();

    /** Virtual hosts, users and permissions, with the bundled broker's operator API on every target. */
    BrokerAdmin admin();

    /** Whether {@link #restart()} is possible: only for a broker this process owns. */
    boolean canRestart();

    /** Stops the broker and starts it again on the same data directory. Open connections die. */
    void restart() throws IOException;

    @Override
    void close();

    /**
     * The client settings every scenario uses: no automatic recovery (a scenario must see every close the broker
     * sends, not a silently recovered connection) and bounded waits, so that a broker that never answers fails
     * a scenario instead of hanging the build.
     */
    static ConnectionFactory clientFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        factory.setConnectionTimeout(5_000);
        factory.setHandshakeTimeout(5_000);
        factory.setShutdownTimeout(2_000);
        factory.setChannelRpcTimeout((int) Waits.DEFAULT.toMillis());
        return factory;
    }
}
