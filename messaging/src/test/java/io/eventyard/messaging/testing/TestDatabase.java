package io.eventyard.messaging.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database of its own for one test class: H2 in memory, or a fresh database on the PostgreSQL server
 * named by {@code POSTGRES_URL} (dropped again on {@link #close()}). Shared by the services' tests through
 * this module's test jar.
 */
public final class TestDatabase implements AutoCloseable {

    private static final Pattern POSTGRES_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?");

    private final Map<String, Object> properties;
    private final Runnable drop;

    private TestDatabase(Map<String, Object> properties, Runnable drop) {
        this.properties = properties;
        this.drop = drop;
    }

    /** @param prefix names the database after its test, e.g. the service */
    public static TestDatabase h2(String prefix) {
        String url = "jdbc:h2:mem:" + prefix + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        return new TestDatabase(Map.of(
                "datasources.default.url", url,
                "datasources.default.username", "sa",
                "datasources.default.password", "",
                "datasources.default.dialect", "H2"), () -> { });
    }

    /** A new database on the server of {@code serverUrl}, e.g. {@code jdbc:postgresql://host:port/postgres?user=postgres}. */
    public static TestDatabase postgres(String serverUrl, String prefix) throws SQLException {
        Matcher url = POSTGRES_URL.matcher(serverUrl);
        if (!url.matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql URL: " + serverUrl);
        }
        String query = url.group(3) == null ? "" : url.group(3);
        String name = prefix.replace('-', '_') + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(serverUrl, "CREATE DATABASE " + name);
        return new TestDatabase(Map.of(
                "datasources.default.url", url.group(1) + name + query,
                "datasources.default.username", queryParameter(query, "user", "postgres"),
                "datasources.default.password", queryParameter(query, "password", ""),
                "datasources.default.dialect", "POSTGRES"),
                () -> {
                    try {
                        execute(serverUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                    } catch (SQLException e) {
                        throw new IllegalStateException("could not drop test database " + name, e);
                    }
                });
    }

    public Map<String, Object> properties() {
        return properties;
    }

    @Override
    public void close() {
        drop.run();
    }

    private static void execute(String url, String sql) throws SQLException {
        // The driver itself, not DriverManager, which hides drivers that other class loaders registered.
        try (Connection connection = new org.postgresql.Driver().connect(url, new java.util.Properties());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String queryParameter(String query, String name, String fallback) {
        Matcher parameter = Pattern.compile("[?&]" + name + "=([^&]*)").matcher(query);
        return parameter.find() ? parameter.group(1) : fallback;
    }
}
