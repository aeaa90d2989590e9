package io.eventyard.broker.scenario.harness;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which brokers the scenarios run against.
 *
 * <ul>
 *   <li>By default: the bundled broker, plus RabbitMQ when {@value #RABBITMQ_URI_VARIABLE} is set
 *       (e.g. {@code amqp://guest:guest@host:port/%2F}).</li>
 *   <li>{@code -D}{@value #TARGETS_PROPERTY}{@code =rabbitmq} (or {@code bundled}, or {@code bundled,rabbitmq})
 *       chooses explicitly; asking for {@code rabbitmq} without the URI is an error, not a silent skip.</li>
 *   <li>{@code -D}{@value #RABBITMQCTL_PROPERTY} overrides the {@code rabbitmqctl} command line used to
 *       administer RabbitMQ, e.g. {@code "docker exec some-rabbit rabbitmqctl"}.</li>
 * </ul>
 */
public final class BrokerTargets {

    public static final String TARGETS_PROPERTY = "scenario.targets";
    public static final String RABBITMQ_URI_VARIABLE = "AMQP_COMPAT_URI";
    public static final String RABBITMQCTL_PROPERTY = "scenario.rabbitmqctl";

    private BrokerTargets() {
    }

    /** The method source of {@link ForEachBrokerTarget}: new, not yet started targets for one scenario class. */
    public static Stream<BrokerTarget> selected() {
        return names().stream().map(BrokerTargets::target);
    }

    private static List<String> names() {
        String chosen = System.getProperty(TARGETS_PROPERTY, "").trim();
        if (!chosen.isEmpty()) {
            return Arrays.stream(chosen.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
        }
        return rabbitMqUri() == null ? List.of("bundled") : List.of("bundled", "rabbitmq");
    }

    private static BrokerTarget target(String name) {
        switch (name) {
            case "bundled":
                return new BundledBrokerTarget();
            case "rabbitmq":
                String uri = rabbitMqUri();
                if (uri == null) {
                    throw new IllegalStateException(TARGETS_PROPERTY + " names rabbitmq but " + RABBITMQ_URI_VARIABLE + " is not set");
                }
                String ctl = System.getProperty(RABBITMQCTL_PROPERTY, "rabbitmqctl");
                return new RabbitMqTarget(URI.create(uri), new RabbitMqCtl(List.of(ctl.trim().split("\\s+"))));
            default:
                throw new IllegalArgumentException("unknown broker target '" + name + "' in " + TARGETS_PROPERTY
                        + "; known: bundled, rabbitmq");
        }
    }

    private static String rabbitMqUri() {
        String uri = System.getenv(RABBITMQ_URI_VARIABLE);
        return uri == null || uri.isBlank() ? null : uri.trim();
    }
}
