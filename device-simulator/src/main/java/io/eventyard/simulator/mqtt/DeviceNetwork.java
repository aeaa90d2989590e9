package io.eventyard.simulator.mqtt;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The devices' side of the network: one Netty event loop group that every device connection shares, so a few
 * hundred devices cost a few threads, not a few per device (as a thread-per-connection client would).
 */
public final class DeviceNetwork implements AutoCloseable {

    private final BrokerEndpoint broker;
    private final String clientIdPrefix;
    private final EventLoopGroup group;
    private final PublishCounters counters = new PublishCounters();
    private final List<DeviceConnection> connections = new CopyOnWriteArrayList<>();

    /**
     * @param broker         where to connect
     * @param clientIdPrefix put before each device id to form its MQTT client id
     * @param threads        event loop threads for all connections
     */
    public DeviceNetwork(BrokerEndpoint broker, String clientIdPrefix, int threads) {
        this.broker = broker;
        this.clientIdPrefix = clientIdPrefix;
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    }

    /**
     * A connection for one device, not yet connected. Its will publishes {@code offline} (retained) on
     * {@code home/{device}/status}.
     */
    public DeviceConnection connection(String deviceId) {
        DeviceConnection connection = new DeviceConnection(deviceId, clientIdPrefix + deviceId, broker,
                group.next(), counters);
        connections.add(connection);
        return connection;
    }

    public List<DeviceConnection> connections() {
        return List.copyOf(connections);
    }

    public long online() {
        return connections.stream().filter(DeviceConnection::isOnline).count();
    }

    public PublishCounters counters() {
        return counters;
    }

    public BrokerEndpoint broker() {
        return broker;
    }

    /** Each device says {@code offline} and disconnects cleanly, then the event loops stop. */
    @Override
    public void close() {
        Duration grace = Duration.ofSeconds(5);
        var closing = connections.stream().map(DeviceConnection::close).toList();
        for (var future : closing) {
            try {
                future.get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // A device that cannot say goodbye in time leaves its will to the broker.
            }
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
