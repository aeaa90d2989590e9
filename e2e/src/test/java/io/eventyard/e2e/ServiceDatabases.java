package io.eventyard.e2e;

import java.nio.file.Path;
import io.eventyard.messaging.testing.TestDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
     * A fresh database per service on the PostgreSQL server of {@code serverUrl} (a JDBC URL with user),
     * named uniquely for this run; all dropped on close.
     */
    static ServiceDatabases postgres(String serverUrl) {
        List<TestDatabase> created = new ArrayList<>();
        return new ServiceDatabases() {
            @Override
            public Map<String, Object> propertiesFor(String service) {
                try {
                    TestDatabase database = TestDatabase.postgres(serverUrl, "e2e_" + service);
                    created.add(database);
                    Map<String, Object> properties = new HashMap<>(database.properties());
                    properties.put("datasources.default.driver-class-name", "org.postgresql.Driver");
                    return properties;
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot create a database for " + service, e);
                }
            }

            @Override
            public void close() {
                created.forEach(TestDatabase::close);
            }
        };
    }
}
