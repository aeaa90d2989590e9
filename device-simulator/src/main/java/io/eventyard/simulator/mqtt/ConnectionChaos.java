package io.eventyard.simulator.mqtt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Now and then cuts one random device's connection without DISCONNECT, so the broker publishes its will
 * ({@code offline}); the device comes back after a few seconds and says {@code online} again.
 */
public final class ConnectionChaos {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionChaos.class);

    private final List<DeviceConnection> connections;
    private final Duration meanInterval;
    private final RandomGenerator random;

    public ConnectionChaos(List<DeviceConnection> connections, Duration meanInterval, RandomGenerator random) {
        this.connections = List.copyOf(connections);
        this.meanInterval = meanInterval;
        this.random = random;
    }

    public ScheduledFuture<?> start(ScheduledExecutorService scheduler) {
        LOG.info("chaos: dropping a device about every {}s", meanInterval.toSeconds());
        return scheduler.scheduleWithFixedDelay(this::maybeDrop, 1, 1, TimeUnit.SECONDS);
    }

    private void maybeDrop() {
        // One check a second with probability 1/mean: drops arrive as a Poisson process, not on a beat.
        if (connections.isEmpty() || random.nextDouble() >= 1.0 / Math.max(1, meanInterval.toSeconds())) {
            return;
        }
        var victim = connections.get(random.nextInt(connections.size()));
        victim.drop(Duration.ofSeconds(3 + random.nextInt(10)));
    }
}
