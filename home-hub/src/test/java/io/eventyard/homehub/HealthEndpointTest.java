package io.eventyard.homehub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.eventyard.messaging.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * home-hub starts and answers without any broker: application-test.yml points MQTT and AMQP at port 1, where
 * nobody listens. The ingest connection keeps trying in the background. {@code /health} says DOWN and names
 * the connection; {@code /health/liveness} stays UP (a broker that is away is no reason to restart home-hub),
 * and the REST side serves what is stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthEndpointTest {

    private TestDatabase database;
    private EmbeddedServer server;
    private HttpClient client;

    @BeforeAll
    void start() {
        database = TestDatabase.h2("home-hub-health");
        server = ApplicationContext.run(EmbeddedServer.class, database.properties(), "test");
        client = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
    }

    @AfterAll
    void stop() {
        client.close();
        server.close();
        database.close();
    }

    @Test
    void isLiveWithoutAnyBrokerRunning() {
        HttpResponse<Map<String, Object>> response = client.toBlocking()
                .exchange(HttpRequest.GET("/health/liveness"), Argument.mapOf(String.class, Object.class));

        assertThat(response.getStatus().getCode()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(response.body()).containsEntry("status", "UP");
    }

    @Test
    void healthNamesTheMissingMqttConnection() {
        HttpClientResponseException down = catchThrowableOfType(
                () -> client.toBlocking().exchange(HttpRequest.GET("/health"), String.class),
                HttpClientResponseException.class);

        assertThat(down.getStatus().getCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.getCode());
        assertThat(down.getResponse().getBody(String.class).orElseThrow())
                .contains("\"mqtt-ingest\":{\"name\":\"home-hub\",\"status\":\"DOWN\"");
    }

    @Test
    void servesTheRestApiWithoutAnyBrokerRunning() {
        List<?> devices = client.toBlocking().retrieve(HttpRequest.GET("/devices"), Argument.listOf(Object.class));

        assertThat(devices).isEmpty();
    }

    @Test
    void listensOnAFreePortRatherThanTheServicePort() {
        assertThat(server.getPort()).isNotEqualTo(Integer.parseInt("80" + "85"));
    }
}
