package io.eventyard.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest
class HealthEndpointTest {

    @Inject
    EmbeddedServer server;

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void reportsUpWithoutAnyBrokerRunning() {
        HttpResponse<Map<String, Object>> response =
                client.toBlocking().exchange(HttpRequest.GET("/health"), Argument.mapOf(String.class, Object.class));

        assertThat(response.getStatus().getCode()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(response.body()).containsEntry("status", "UP");
    }

    @Test
    void listensOnAFreePortRatherThanTheServicePort() {
        assertThat(server.getPort()).isNotEqualTo(8083);
    }
}
