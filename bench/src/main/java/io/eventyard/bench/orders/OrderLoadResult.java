package io.eventyard.bench.orders;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The figures of one order benchmark run against one target. Written to a properties file so that runs
 * made against separately started stacks can be put side by side afterwards ({@link OrderTable}).
 *
 * @param target          the column name, e.g. {@code bundled}
 * @param workload        {@link OrderLoadOptions#describe()}
 * @param server          product and version the broker announced, e.g. {@code RabbitMQ 3.10.8}
 * @param endpoints       order-service's URL and the AMQP URI without its password
 * @param seconds         length of the measured window
 * @param placed          orders due (sent, as fast as possible) in the window that order-service took (201)
 * @param shipped         {@code order.shipped} events that arrived in the window (of any order of the run)
 * @param placedTotal     orders taken in the whole run, warm-up included
 * @param notSent         orders due in the window that the generator could not send before it ended (it
 *                        was held back by the in-flight cap)
 * @param notShipped      orders taken whose {@code order.shipped} had not come when the drain timed out
 * @param drainSeconds    from the end of sending until the last awaited {@code order.shipped}, or the timeout
 * @param drainTimeoutSeconds the drain timeout
 * @param duplicates      second {@code order.shipped} events for one order
 * @param placedToShipped from when an order was due to its {@code order.shipped}, measured orders only
 * @param post            from when an order was due to order-service's answer, measured orders only
 * @param errors          failed requests by kind with counts, and other trouble; empty for a clean run
 * @param parked          messages in {@code shop.dead} and {@code email.dead} after the run, e.g. {@code 0 / 0}
 * @param failure         why the run could not be done at all, or {@code null}
 */
public record OrderLoadResult(String target, String workload, String server, String endpoints, double seconds,
                              long placed, long shipped, long placedTotal, long notSent, long notShipped,
                              double drainSeconds, double drainTimeoutSeconds, long duplicates,
                              LatencyPercentiles placedToShipped, LatencyPercentiles post, List<String> errors,
                              String parked, String failure) {

    public OrderLoadResult {
        errors = List.copyOf(errors);
    }

    static OrderLoadResult failed(OrderLoadOptions options, String failure, List<String> errors) {
        return new OrderLoadResult(options.name(), options.describe(), "", endpoints(options), 0, 0, 0, 0, 0, 0,
                0, options.drainTimeout().toMillis() / 1000.0, 0, LatencyPercentiles.NONE, LatencyPercentiles.NONE,
                errors, "", failure);
    }

    static String endpoints(OrderLoadOptions options) {
        return options.orderUrl() + " and " + options.displayAmqpUri();
    }

    public boolean isFailed() {
        return failure != null;
    }

    public double placedRate() {
        return seconds <= 0 ? 0 : placed / seconds;
    }

    public double shippedRate() {
        return seconds <= 0 ? 0 : shipped / seconds;
    }

    public void write(Path file) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("target", target);
        properties.setProperty("workload", workload);
        properties.setProperty("server", server);
        properties.setProperty("endpoints", endpoints);
        properties.setProperty("seconds", Double.toString(seconds));
        properties.setProperty("placed", Long.toString(placed));
        properties.setProperty("shipped", Long.toString(shipped));
        properties.setProperty("placedTotal", Long.toString(placedTotal));
        properties.setProperty("notSent", Long.toString(notSent));
        properties.setProperty("notShipped", Long.toString(notShipped));
        properties.setProperty("drainSeconds", Double.toString(drainSeconds));
        properties.setProperty("drainTimeoutSeconds", Double.toString(drainTimeoutSeconds));
        properties.setProperty("duplicates", Long.toString(duplicates));
        properties.setProperty("placedToShipped", percentiles(placedToShipped));
        properties.setProperty("post", percentiles(post));
        properties.setProperty("errors", Integer.toString(errors.size()));
        for (int i = 0; i < errors.size(); i++) {
            properties.setProperty("errors." + i, errors.get(i));
        }
        properties.setProperty("parked", parked);
        if (failure != null) {
            properties.setProperty("failure", failure);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, "order benchmark result");
        }
    }

    public static OrderLoadResult read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        try {
            int errorCount = Integer.parseInt(required(properties, "errors"));
            List<String> errors = new ArrayList<>();
            for (int i = 0; i < errorCount; i++) {
                errors.add(required(properties, "errors." + i));
            }
            return new OrderLoadResult(required(properties, "target"), required(properties, "workload"),
                    properties.getProperty("server", ""), properties.getProperty("endpoints", ""),
                    Double.parseDouble(required(properties, "seconds")),
                    Long.parseLong(required(properties, "placed")), Long.parseLong(required(properties, "shipped")),
                    Long.parseLong(required(properties, "placedTotal")),
                    Long.parseLong(required(properties, "notSent")),
                    Long.parseLong(required(properties, "notShipped")),
                    Double.parseDouble(required(properties, "drainSeconds")),
                    Double.parseDouble(required(properties, "drainTimeoutSeconds")),
                    Long.parseLong(required(properties, "duplicates")),
                    percentiles(required(properties, "placedToShipped")), percentiles(required(properties, "post")),
                    errors, properties.getProperty("parked", ""), properties.getProperty("failure"));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("no " + key);
        }
        return value;
    }

    private static String percentiles(LatencyPercentiles latency) {
        return latency.count() + "," + latency.p50() + "," + latency.p90() + "," + latency.p99() + ","
                + latency.p999() + "," + latency.max();
    }

    private static LatencyPercentiles percentiles(String text) {
        long[] values = Arrays.stream(text.split(",")).mapToLong(Long::parseLong).toArray();
        if (values.length != 6) {
            throw new IllegalArgumentException("percentiles need 6 numbers, got '" + text + "'");
        }
        return new LatencyPercentiles(values[0], values[1], values[2], values[3], values[4], values[5]);
    }
}
