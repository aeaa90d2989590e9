package io.eventyard.broker.http.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;

import io.eventyard.broker.Broker;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;

/**
 * Readiness: the AMQP listener accepts a TCP connection within {@link #BOUND}. The probe closes before
 * sending a protocol header, which the broker drops silently; it proves the port is bound and accepting,
 * which is what a client needs.
 */
@Singleton
@Readiness
final class AmqpListenerHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    static final String NAME = "amqpListener";
    static final Duration BOUND = Duration.ofSeconds(1);

    private final Broker broker;

    AmqpListenerHealthIndicator(Broker broker) {
        this.broker = broker;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        InetSocketAddress address;
        try {
            address = probeAddress();
        } catch (RuntimeException e) {
            healthStatus = HealthStatus.DOWN;     // the listener is closed: it has no address any more
            return Map.of("error", e.toString());
        }
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) BOUND.toMillis());
            healthStatus = HealthStatus.UP;
            return Map.of("port", address.getPort());
        } catch (IOException e) {
            healthStatus = HealthStatus.DOWN;
            return Map.of("port", address.getPort(), "error", e.toString());
        }
    }

    // A listener on the wildcard address is reached through loopback.
    private InetSocketAddress probeAddress() {
        String host = broker.config().host();
        InetAddress bound;
        try {
            bound = InetAddress.getByName(host);
        } catch (IOException e) {
            bound = InetAddress.getLoopbackAddress();
        }
        InetAddress target = bound.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bound;
        return new InetSocketAddress(target, broker.amqpPort());
    }

    @Override
    protected String getName() {
        return NAME;
    }
}
