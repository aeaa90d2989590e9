package io.eventyard.broker.http;

import java.util.Map;

import io.eventyard.broker.Broker;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

/**
 * The broker as a server: one Micronaut context that starts the {@link Broker} (AMQP) from its settings
 * and the HTTP side around it. {@code BrokerMain} runs it; tests start it with their own properties.
 */
public final class StandaloneBroker implements AutoCloseable {

    /** The Micronaut environment the HTTP side's beans require; its settings are in application-broker.yml. */
    public static final String ENVIRONMENT = "broker";

    private final ApplicationContext context;
    private final EmbeddedServer http;

    private StandaloneBroker(ApplicationContext context, EmbeddedServer http) {
        this.context = context;
        this.http = http;
    }

    /**
     * Starts the broker and its HTTP server. {@code properties} take precedence over system properties,
     * environment variables and application-broker.yml (e.g. {@code broker.http.port=0} in a test).
     */
    public static StandaloneBroker start(Map<String, Object> properties) {
        // No environment deduction: it probes for cloud platforms, which costs start-up time for nothing.
        ApplicationContext context = ApplicationContext.builder()
                .environments(ENVIRONMENT)
                .deduceEnvironment(false)
                .banner(false)
                .properties(properties)
                .start();
        try {
            EmbeddedServer http = context.getBean(EmbeddedServer.class);
            http.start();
            return new StandaloneBroker(context, http);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    public Broker broker() {
        return context.getBean(Broker.class);
    }

    /** The HTTP port actually bound (useful when the settings asked for port 0). */
    public int httpPort() {
        return http.getPort();
    }

    /** Stops HTTP first, so that no request reaches a broker that is closing, then the broker. */
    @Override
    public void close() {
        http.stop();
        context.close();
    }
}
