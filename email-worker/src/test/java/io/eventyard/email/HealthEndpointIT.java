package io.eventyard.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthEndpointIT {

    @TempDir
    Path brokerDir;

    private WorkerStack stack;

    @BeforeAll
    void start() throws Exception {
        int unusedSmtpPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            unusedSmtpPort = socket.getLocalPort();
        }
        stack = WorkerStack.start(brokerDir, unusedSmtpPort, Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        stack.close();
    }

    @Test
    void reportsUpWithBrokerAndDatabaseOnAFreePort() {
        Map<String, Object> health = stack.http().retrieve(HttpRequest.GET("/health"), Argument.mapOf(String.class, Object.class));

        assertThat(health).containsEntry("status", "UP");
        assertThat(health.toString()).contains("rabbitmq").contains("jdbc");
    }

    @Test
    void servesPrometheusMetrics() {
        String metrics = stack.http().retrieve(HttpRequest.GET("/prometheus"), String.class);

        assertThat(metrics).contains("jvm_memory_used_bytes");
    }
}
