package io.eventyard.broker.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.eventyard.broker.Broker;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

/**
 * A {@link StandaloneBroker} for a test class, on free loopback ports with its definitions in a temporary
 * directory, and the clients to talk to it: java.net.http for the HTTP side, the RabbitMQ Java client for
 * AMQP. Metrics are sampled every 100 ms so that tests need not wait long.
 */
public final class RunningBroker implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final StandaloneBroker server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final List<Connection> connections = new ArrayList<>();

    private RunningBroker(StandaloneBroker server) {
        this.server = server;
    }

    public static RunningBroker start(Path dataDir) {
        return new RunningBroker(StandaloneBroker.start(Map.of(
                "broker.host", "127.0.0.1",
                "broker.amqp.port", 0,
                "broker.mqtt.port", 0,
                "broker.mqtt.ws.port", 0,
                "broker.http.port", 0,
                "broker.data.dir", dataDir.toString(),
                "broker.metrics.interval", "100ms")));
    }

    public Broker broker() {
        return server.broker();
    }

    /** An AMQP connection, closed with the broker. */
    public Connection amqp(String user, String password, String vhost) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(broker().amqpPort());
        factory.setUsername(user);
        factory.setPassword(password);
        factory.setVirtualHost(vhost);
        factory.setAutomaticRecoveryEnabled(false);
        Connection connection = factory.newConnection();
        connections.add(connection);
        return connection;
    }

    public Connection amqpAsGuest() throws Exception {
        return amqp("guest", "guest", "/");
    }

    public Reply get(String path, String user, String password) {
        return send(request(path, user, password).GET());
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Reply putJson(String path, String user, String password, String json) {
        return send(request(path, user, password).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply delete(String path, String user, String password) {
        return send(request(path, user, password).DELETE());
    }

    /** A form-encoded POST; {@code user} null sends no credentials. */
    public Reply postForm(String path, String user, String password, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder builder = user == null ? HttpRequest.newBuilder(uri(path)) : request(path, user, password);
        return send(builder.header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply post(String path, String user, String password, String contentType, String body) {
        return send(request(path, user, password).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path, String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Basic " + credentials);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.httpPort() + path);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        for (Connection connection : connections) {
            if (connection.isOpen()) {
                connection.abort(1000);
            }
        }
        server.close();
    }

    /** An HTTP answer. */
    public record Reply(int status, Map<String, List<String>> headers, String body) {

        public JsonNode json() {
            try {
                return JSON.readValue(body, JsonNode.class);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(header -> header.getKey().equalsIgnoreCase(name))
                    .map(header -> header.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }
}
