package io.eventyard.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One database per service, as in production: H2 files in a test directory, or fresh PostgreSQL databases. */
interface ServiceDatabases extends AutoCloseable {

    /** The datasource settings of one service. */
    Map<String, Object> propertiesFor(String service);

    @Override
    void close();

    static ServiceDatabases h2(Path dir) {
        return new ServiceDatabases() {
            @Override
            public Map<String, Object> propertiesFor(String service) {
                return Map.of(
                        "datasources.default.url", "jdbc:h2:file:" + dir.resolve(service).toAbsolutePath(),
                        "datasources.default.driver-class-name", "org.h2.Driver",
                        "datasources.default.username", "sa",
                        "datasources.default.password", "",
                        "datasources.default.dialect", "H2");
            }

            @Override
            public void close() {
                // the files go with the test directory
            }
        };
    }

    /**
     * Creates a database per service on the PostgreSQL server of {@code adminUrl} (a JDBC URL with user),
     * named uniquely for this run, and drops them all on close.
     */
    static ServiceDatabases postgres(String adminUrl) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<String> created = new ArrayList<>();
        return new ServiceDatabases() {
            @Override
            public Map<String, Object> propertiesFor(String service) {
                String name = "e2e_" + service.replace('-', '_') + "_" + suffix;
                execute(adminUrl, "CREATE DATABASE " + name);
                created.add(name);
                String url = adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
                return Map.of(
                        "datasources.default.url", url,
                        "datasources.default.driver-class-name", "org.postgresql.Driver",
                        "datasources.default.dialect", "POSTGRES");
            }

            @Override
            public void close() {
                for (String name : created) {
                    execute(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
            }
        };
    }

    private static void execute(String url, String sql) {
        // The driver directly, not DriverManager: the services' class loaders registered their own copies
        // of it there, and DriverManager hides drivers of other class loaders from the caller.
        try (Connection connection = new org.postgresql.Driver().connect(url, new java.util.Properties());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }
}
