package io.eventyard.bench.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole {@link OrderLoadRun} against a stand-in for the order chain: an HTTP server that answers
 * {@code POST /orders} with 201 and an id and, a little later, publishes that order's {@code order.shipped}
 * to {@code shop.events} on the bundled broker in-process. Checks that the figures add up, not speed.
 */
class OrderLoadRunIT {

    private static final long SHIP_AFTER_MILLIS = 30;

    static {
        // The JDK's HTTP server writes headers and body apart; with Nagle on, each answer on a kept-alive
        // connection waits for the client's delayed ACK (tens of ms), and one sender could not keep up.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    @TempDir
    Path dataDir;

    private Broker broker;
    private Connection connection;
    private Channel publisher;
    private HttpServer orderService;
    private ExecutorService orderThreads;
    private String orderUrl;
    private ScheduledExecutorService shipping;
    private final AtomicLong ordersTaken = new AtomicLong();
    /** Every n-th order is never shipped (0: all are). */
    private volatile int loseEvery;
    /** The answer to this order (by count, from 1) is held back this long. */
    private volatile long stallOrder = -1;
    private volatile long stallMillis;

    @BeforeEach
    void startStandIn() throws Exception {
        broker = Broker.start(BrokerConfig.forTests(dataDir));
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqpUri());
        connection = factory.newConnection("order-chain-stand-in");
        publisher = connection.createChannel();
        publisher.exchangeDeclare(ShippedEvents.EXCHANGE, "topic", true);
        shipping = Executors.newSingleThreadScheduledExecutor();
        orderService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        orderThreads = Executors.newFixedThreadPool(4);
        orderService.setExecutor(orderThreads);
        orderService.createContext("/health", exchange -> answer(exchange, 200, "{\"status\":\"UP\"}"));
        orderService.createContext("/orders", this::placeOrder);
        orderService.start();
        orderUrl = "http://127.0.0.1:" + orderService.getAddress().getPort();
    }

    @AfterEach
    void stopStandIn() throws Exception {
        if (orderService != null) {
            orderService.stop(0);
            orderThreads.shutdownNow();
        }
        if (shipping != null) {
            shipping.shutdownNow();
        }
        if (connection != null) {
            connection.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void anOpenLoopRunPlacesWhatIsDueAndTimesEveryShipment() throws Exception {
        OrderLoadResult result = run("--rate", "100", "--warmup", "0.5", "--duration", "2");

        assertThat(result.failure()).isNull();
        assertThat(result.errors()).isEmpty();
        assertThat(result.placed()).isEqualTo(200);
        assertThat(result.placedTotal()).isEqualTo(250);
        assertThat(result.notSent()).isZero();
        assertThat(result.placedRate()).isEqualTo(100.0);
        assertThat(result.shipped()).isBetween(190L, 210L);
        assertThat(result.notShipped()).isZero();
        assertThat(result.placedToShipped().count()).isEqualTo(200);
        assertThat(result.placedToShipped().p50()).isGreaterThanOrEqualTo(SHIP_AFTER_MILLIS * 1000);
        assertThat(result.post().count()).isEqualTo(200);
        assertThat(result.server()).startsWith("Eventyard");
        assertThat(ordersTaken.get()).isEqualTo(250);
    }

    @Test
    void aStalledAnswerCountsFromWhenTheOrdersWereDueNotFromWhenTheyWereSent() throws Exception {
        // With one request in flight at a time, a 600 ms stall of one answer holds back the orders due behind it.
        stallOrder = 60;
        stallMillis = 600;

        OrderLoadResult result = run("--rate", "50", "--concurrency", "1", "--warmup", "0.5", "--duration", "2");

        assertThat(result.failure()).isNull();
        assertThat(result.placed()).isEqualTo(100);
        assertThat(result.post().max()).isGreaterThanOrEqualTo(550_000);
        // About 30 orders were due during the stall, each waited for it: well over 1% of 100.
        assertThat(result.post().p99()).isGreaterThanOrEqualTo(300_000);
        assertThat(result.placedToShipped().p90()).isGreaterThanOrEqualTo(100_000);
    }

    @Test
    void asFastAsPossibleKeepsTheSendersBusyAndCountsOrdersNeverShipped() throws Exception {
        loseEvery = 10;

        OrderLoadResult result = run("--rate", "max", "--concurrency", "4", "--warmup", "0.3", "--duration", "1",
                "--drain-timeout", "0.5");

        assertThat(result.failure()).isNull();
        assertThat(result.placed()).isPositive();
        assertThat(result.placedTotal()).isEqualTo(ordersTaken.get());
        assertThat(result.notShipped()).isEqualTo(result.placedTotal() / 10);
        assertThat(result.drainSeconds()).isGreaterThanOrEqualTo(0.5);
        assertThat(result.placedToShipped().count()).isLessThan(result.placed());
    }

    @Test
    void aStackThatIsNotThereIsAFailedRunWithItsReason() throws Exception {
        orderService.stop(0);
        orderThreads.shutdownNow();
        orderService = null;

        OrderLoadResult result = run("--rate", "10", "--warmup", "0", "--duration", "1");

        assertThat(result.isFailed()).isTrue();
        assertThat(result.failure()).contains("order-service does not answer");
    }

    private OrderLoadResult run(String... workload) throws InterruptedException {
        String[] args = new String[workload.length + 7];
        args[0] = "--order-url";
        args[1] = orderUrl;
        args[2] = "--amqp-uri";
        args[3] = amqpUri();
        args[4] = "--name";
        args[5] = "stand-in";
        args[6] = "--quiet";
        System.arraycopy(workload, 0, args, 7, workload.length);
        return new OrderLoadRun(OrderLoadOptions.parse(args), null).run();
    }

    private String amqpUri() {
        return "amqp://guest:guest@127.0.0.1:" + broker.amqpPort() + "/%2F";
    }

    private void placeOrder(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        if (!exchange.getRequestMethod().equals("POST")) {
            answer(exchange, 405, "{}");
            return;
        }
        long number = ordersTaken.incrementAndGet();
        String id = UUID.randomUUID().toString();
        if (loseEvery == 0 || number % loseEvery != 0) {
            shipping.schedule(() -> ship(id), SHIP_AFTER_MILLIS, TimeUnit.MILLISECONDS);
        }
        if (number == stallOrder) {
            try {
                Thread.sleep(stallMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        answer(exchange, 201, "{\"id\":\"" + id + "\",\"status\":\"PENDING_PAYMENT\",\"items\":[{\"id\":\"x\"}]}");
    }

    private void ship(String orderId) {
        try {
            publisher.basicPublish(ShippedEvents.EXCHANGE, ShippedEvents.ROUTING_KEY, null,
                    ("{\"orderId\":\"" + orderId + "\",\"carrier\":\"stand-in\"}").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
