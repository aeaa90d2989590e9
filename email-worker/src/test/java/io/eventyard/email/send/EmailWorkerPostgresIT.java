package io.eventyard.email.send;

import static io.eventyard.email.WorkerStack.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.eventyard.email.WorkerStack;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbox on PostgreSQL instead of H2, by configuration alone: a command published twice is mailed
 * once. Runs when {@code POSTGRES_URL} names a server (e.g.
 * {@code jdbc:postgresql://host:port/postgres?user=postgres}); uses a database of its own and drops it.
 */
@EnabledIfEnvironmentVariable(named = "POSTGRES_URL", matches = "jdbc:postgresql:.*")
class EmailWorkerPostgresIT {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path brokerDir;

    @Test
    void aCommandPublishedTwiceIsMailedOnce() throws Exception {
        String adminUrl = System.getenv("POSTGRES_URL");
        String database = "email_worker_" + UUID.randomUUID().toString().replace("-", "");
        execute(adminUrl, "CREATE DATABASE " + database);
        try (WorkerStack stack = WorkerStack.start(brokerDir, GREEN_MAIL.getSmtp().getPort(), Map.of(
                "datasources.default.url", adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1"),
                "datasources.default.dialect", "POSTGRES"))) {
            String id = UUID.randomUUID().toString();
            String body = command("ada@example.com", "order-confirmation", id,
                    Map.of("orderId", "ord-pg", "total", "10.00 EUR"));
            stack.publish(id, body);
            stack.publish(id, body);

            await().atMost(Duration.ofSeconds(10)).until(() -> GREEN_MAIL.getReceivedMessages().length == 1);
            stack.awaitIdle();
            Thread.sleep(300);
            assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
        } finally {
            execute(adminUrl, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
