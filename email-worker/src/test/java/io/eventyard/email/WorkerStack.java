package io.eventyard.email;

import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;
import io.eventyard.messaging.topology.RoutingKeys;
import io.eventyard.messaging.topology.ShopExchanges;
import io.eventyard.messaging.topology.ShopQueues;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * The worker as it runs: the bundled broker in-process on a free port, the service on a free HTTP
 * port with a fresh in-memory H2 database, sending to the given SMTP port; plus a plain AMQP client
 * for the test to publish commands and look into queues.
 */
public final class WorkerStack implements AutoCloseable {

    public static final Duration RETRY_TTL = Duration.ofMillis(100);

    private final Path brokerDir;
    private final EmbeddedServer server;
    private final HttpClient http;
    private Broker broker;
    private Connection amqp;
    private Channel channel;

    private WorkerStack(Path brokerDir, Broker broker, EmbeddedServer server, HttpClient http)
            throws IOException, TimeoutException {
        this.brokerDir = brokerDir;
        this.broker = broker;
        this.server = server;
        this.http = http;
        connectTestClient();
    }

    private void connectTestClient() throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(broker.amqpPort());
        amqp = factory.newConnection("email-worker-test");
        channel = amqp.createChannel();
    }

    /** Stops the broker and starts it again on the same port and data, as an operator's restart would. */
    public void restartBroker() throws Exception {
        int port = broker.amqpPort();
        amqp.abort();
        broker.close();
        broker = Broker.start(BrokerConfig.forTests(brokerDir).withAmqpPort(port));
        connectTestClient();
    }

    public static WorkerStack start(Path brokerDir, int smtpPort, Map<String, Object> extra)
            throws IOException, TimeoutException {
        Broker broker = Broker.start(BrokerConfig.forTests(brokerDir));
        Map<String, Object> properties = properties(broker.amqpPort(), smtpPort);
        properties.putAll(extra);
        ApplicationContext context = ApplicationContext.builder().environments("test").properties(properties).start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        return new WorkerStack(brokerDir, broker, server, HttpClient.create(server.getURL()));
    }

    /**
     * The settings of a worker on the bundled broker at {@code amqpPort}, a fresh in-memory database,
     * and the SMTP server at {@code smtpPort}. Every test context needs a broker of its own: without
     * one the worker would connect to the default URI, a real RabbitMQ on this machine.
     */
    public static Map<String, Object> properties(int amqpPort, int smtpPort) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("rabbitmq.uri", "amqp://guest:guest@127.0.0.1:" + amqpPort + "/%2F");
        properties.put("rabbitmq.network-recovery-interval", "200");
        properties.put("datasources.default.url", "jdbc:h2:mem:email-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        properties.put("eventyard.topology.email-retry-ttl", RETRY_TTL.toMillis() + "ms");
        properties.put("eventyard.publisher.confirm-timeout", "2s");
        properties.put("smtp.host", "127.0.0.1");
        properties.put("smtp.port", smtpPort);
        properties.put("smtp.timeout", "3s");
        properties.put("micronaut.email.from.email", "shop@eventyard.test");
        properties.put("otel.traces.exporter", "none");
        properties.put("otel.metrics.exporter", "none");
        properties.put("otel.logs.exporter", "none");
        return properties;
    }

    /** Another worker instance on the same broker, with the given settings over the usual ones; the caller closes it. */
    public ApplicationContext startAnotherWorker(int smtpPort, Map<String, Object> extra) {
        Map<String, Object> properties = properties(broker.amqpPort(), smtpPort);
        properties.putAll(extra);
        return ApplicationContext.builder().environments("test").properties(properties).start();
    }

    /** The worker's application context, for a test that uses its beans (the contract test, its reader). */
    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    public BlockingHttpClient http() {
        return http.toBlocking();
    }

    /** Publishes a command the way the kit's outbox relay does: persistent JSON with a message id. */
    public void publish(String messageId, String body) throws IOException {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .messageId(messageId).contentType("application/json").deliveryMode(2).build();
        channel.basicPublish(ShopExchanges.EMAIL, RoutingKeys.EMAIL_SEND, properties, body.getBytes(StandardCharsets.UTF_8));
    }

    public static String command(String to, String template, String messageId, Map<String, String> model) {
        StringBuilder json = new StringBuilder("{\"to\":\"" + to + "\",\"template\":\"" + template + "\",\"model\":{");
        String separator = "";
        for (Map.Entry<String, String> entry : model.entrySet()) {
            json.append(separator).append('"').append(entry.getKey()).append("\":\"").append(entry.getValue()).append('"');
            separator = ",";
        }
        json.append('}');
        if (messageId != null) {
            json.append(",\"messageId\":\"").append(messageId).append('"');
        }
        return json.append('}').toString();
    }

    public long depth(String queue) throws IOException {
        return channel.queueDeclarePassive(queue).getMessageCount();
    }

    /** Takes (and acks) the next message of a queue, or null. */
    public GetResponse take(String queue) throws IOException {
        return channel.basicGet(queue, true);
    }

    public void purge(String queue) throws IOException {
        channel.queuePurge(queue);
    }

    /** Waits until nothing is waiting in the send and retry queues, and stays so for a few TTLs. */
    public void awaitIdle() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> idleFor(RETRY_TTL.multipliedBy(3)));
    }

    private boolean idleFor(Duration stable) throws IOException, InterruptedException {
        long until = System.nanoTime() + stable.toNanos();
        while (System.nanoTime() < until) {
            if (depth(ShopQueues.EMAIL_SEND) + depth(ShopQueues.EMAIL_RETRY) > 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Override
    public void close() throws Exception {
        http.close();
        amqp.close();
        server.getApplicationContext().close();
        broker.close();
    }
}
