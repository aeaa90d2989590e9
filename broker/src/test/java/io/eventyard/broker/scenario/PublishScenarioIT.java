package io.eventyard.broker.scenario;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.LongString;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.impl.LongStringHelper;
import io.eventyard.broker.scenario.harness.BrokerTarget;
import io.eventyard.broker.scenario.harness.CloseReason;
import io.eventyard.broker.scenario.harness.ForEachBrokerTarget;
import io.eventyard.broker.scenario.harness.RecordingConsumer;
import io.eventyard.broker.scenario.harness.Scenario;
import io.eventyard.broker.scenario.harness.Waits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.eventyard.broker.scenario.harness.Bodies.bytes;
import static io.eventyard.broker.scenario.harness.Bodies.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Publishing: what a message carries arrives unchanged; what cannot be routed or is malformed is answered. */
@ForEachBrokerTarget
class PublishScenarioIT {

    @RegisterExtension
    final Scenario scenario;

    private Channel channel;
    private String queue;

    PublishScenarioIT(BrokerTarget target) {
        this.scenario = new Scenario(target);
    }

    @BeforeEach
    void declareQueue() throws Exception {
        channel = scenario.openChannel();
        queue = scenario.queueName("published");
        channel.queueDeclare(queue, false, false, false, null);
    }

    @Test
    void deliversAllFourteenBasicPropertiesUnchanged() throws Exception {
        Date timestamp = new Date(1_700_000_000_000L); // whole seconds: the wire carries seconds
        AMQP.BasicProperties sent = new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .contentEncoding("gzip")
                .headers(Map.of("trace", "abc"))
                .deliveryMode(2)
                .priority(7)
                .correlationId("correlation-1")
                .replyTo("reply-queue")
                .expiration("600000")
                .messageId("message-1")
                .timestamp(timestamp)
                .type("order.placed")
                .userId(scenario.target().connectionFactory().getUsername())
                .appId("scenario-app")
                .clusterId("cluster-1")
                .build();

        AMQP.BasicProperties received = roundTrip(sent, bytes("{}")).getProperties();

        assertThat(received.getContentType()).isEqualTo("application/json");
        assertThat(received.getContentEncoding()).isEqualTo("gzip");
        assertThat(received.getHeaders()).containsOnlyKeys("trace");
        assertThat(received.getHeaders().get("trace")).hasToString("abc");
        assertThat(received.getDeliveryMode()).isEqualTo(2);
        assertThat(received.getPriority()).isEqualTo(7);
        assertThat(received.getCorrelationId()).isEqualTo("correlation-1");
        assertThat(received.getReplyTo()).isEqualTo("reply-queue");
        assertThat(received.getExpiration()).isEqualTo("600000");
        assertThat(received.getMessageId()).isEqualTo("message-1");
        assertThat(received.getTimestamp()).isEqualTo(timestamp);
        assertThat(received.getType()).isEqualTo("order.placed");
        assertThat(received.getUserId()).isEqualTo(sent.getUserId());
        assertThat(received.getAppId()).isEqualTo("scenario-app");
        assertThat(received.getClusterId()).isEqualTo("cluster-1");
    }

    @Test
    void deliversNoPropertiesAsNone() throws Exception {
        AMQP.BasicProperties received = roundTrip(null, bytes("bare")).getProperties();

        assertThat(received).usingRecursiveComparison().ignoringFields("bodySize").isEqualTo(new AMQP.BasicProperties());
    }

    /** Every field type the Java client writes; a String goes out as a long string and comes back as one. */
    @Test
    void deliversAHeaderTableWithEveryFieldTypeUnchanged() throws Exception {
        Map<String, Object> nested = new HashMap<>();
        nested.put("inner", "value");
        nested.put("depth", 2);
        Map<String, Object> headers = new HashMap<>();
        headers.put("string", "text é");
        headers.put("long-string", LongStringHelper.asLongString("long string"));
        headers.put("int", Integer.MIN_VALUE);
        headers.put("long", Long.MAX_VALUE);
        headers.put("short", (short) -12345);
        headers.put("byte", (byte) -7);
        headers.put("float", 1.5f);
        headers.put("double", -2.25e300);
        headers.put("decimal", new BigDecimal("-1234.567"));
        headers.put("timestamp", new Date(1_700_000_000_000L));
        headers.put("true", true);
        headers.put("false", false);
        headers.put("bytes", new byte[] {0, 1, (byte) 0xff});
        headers.put("list", Arrays.asList("a", 1, 2L, true, null, List.of("nested")));
        headers.put("table", nested);
        headers.put("void", null);

        Map<String, Object> received = roundTrip(new AMQP.BasicProperties.Builder().headers(headers).build(), bytes("typed"))
                .getProperties().getHeaders();

        Map<String, Object> expected = new HashMap<>(headers);
        expected.put("string", LongStringHelper.asLongString("text é"));
        expected.put("list", Arrays.asList(LongStringHelper.asLongString("a"), 1, 2L, true, null,
                List.of(LongStringHelper.asLongString("nested"))));
        Map<String, Object> expectedNested = new HashMap<>(nested);
        expectedNested.put("inner", LongStringHelper.asLongString("value"));
        expected.put("table", expectedNested);
        assertThat(typed(received)).isEqualTo(typed(expected));
    }

    @Test
    void reassemblesABodyLargerThanTheFrameMax() throws Exception {
        byte[] body = new byte[300_000];
        new Random(7).nextBytes(body);

        assertThat(roundTrip(null, body).getBody()).isEqualTo(body);
    }

    @Test
    void deliversAnEmptyBody() throws Exception {
        assertThat(roundTrip(null, new byte[0]).getBody()).isEmpty();
    }

    @Test
    void returnsAMandatoryMessageThatNoQueueTakesWith312NoRoute() throws Exception {
        CompletableFuture<Return> returned = new CompletableFuture<>();
        channel.addReturnListener(returned::complete);
        String key = scenario.uniqueName("nobody");
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().messageId("unroutable-1").build();

        channel.basicPublish("amq.direct", key, true, properties, bytes("unroutable"));

        Return answer = returned.get(Waits.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(answer.getReplyCode()).isEqualTo(312);
        assertThat(answer.getReplyText()).isEqualTo("NO_ROUTE");
        assertThat(answer.getExchange()).isEqualTo("amq.direct");
        assertThat(answer.getRoutingKey()).isEqualTo(key);
        assertThat(answer.getProperties().getMessageId()).isEqualTo("unroutable-1");
        assertThat(text(answer.getBody())).isEqualTo("unroutable");
    }

    @Test
    void neitherReturnsARoutedMandatoryMessageNorAnUnroutableOrdinaryOne() throws Exception {
        List<Return> returns = new CopyOnWriteArrayList<>();
        channel.addReturnListener(returns::add);
        channel.confirmSelect();

        channel.basicPublish("", queue, true, null, bytes("routed"));
        channel.basicPublish("amq.direct", scenario.uniqueName("nobody"), false, null, bytes("dropped"));
        // The broker sends a basic.return before the confirm of the same message.
        channel.waitForConfirmsOrDie(Waits.DEFAULT.toMillis());

        assertThat(returns).isEmpty();
    }

    @Test
    void expiresAMessageAfterItsOwnExpiration() throws Exception {
        channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().expiration("50").build(), bytes("short-lived"));
        channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().expiration("600000").build(), bytes("long-lived"));

        scenario.awaitMessageCount(queue, 1);
        assertThat(text(channel.basicGet(queue, true).getBody())).isEqualTo("long-lived");
    }

    @Test
    void closesTheChannelWith406ForAnExpirationThatIsNotANumber() throws Exception {
        channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().expiration("soon").build(), bytes("x"));

        assertThat(CloseReason.awaitedFrom(channel))
                .isEqualTo(CloseReason.channel(406, "PRECONDITION_FAILED - invalid expiration 'soon': no_integer"));
    }

    @Test
    void closesTheChannelWith406ForAUserIdThatIsNotTheConnectionsUser() throws Exception {
        String user = scenario.target().connectionFactory().getUsername();

        channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().userId("impostor").build(), bytes("x"));

        assertThat(CloseReason.awaitedFrom(channel)).isEqualTo(CloseReason.channel(406,
                "PRECONDITION_FAILED - user_id property set to 'impostor' but authenticated user was '" + user + "'"));
    }

    private Delivery roundTrip(AMQP.BasicProperties properties, byte[] body) throws Exception {
        Channel consuming = scenario.openChannel();
        RecordingConsumer consumer = new RecordingConsumer(consuming);
        consuming.basicConsume(queue, true, consumer);
        channel.basicPublish("", queue, properties, body);
        return consumer.next();
    }

    /** A value with its Java type spelled out, so that a comparison fails on a changed type, not only a changed value. */
    private static Object typed(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return ((Map<?, ?>) value).entrySet().stream()
                    .collect(Collectors.toMap(entry -> String.valueOf(entry.getKey()), entry -> typed(entry.getValue()),
                            (a, b) -> a, TreeMap::new));
        }
        if (value instanceof List) {
            return ((List<?>) value).stream().map(PublishScenarioIT::typed).collect(Collectors.toList());
        }
        if (value instanceof byte[]) {
            return "byte[] " + Arrays.toString((byte[]) value);
        }
        if (value instanceof LongString) {
            return "LongString " + value;
        }
        if (value instanceof BigDecimal) {
            return "BigDecimal " + ((BigDecimal) value).toPlainString() + " scale " + ((BigDecimal) value).scale();
        }
        if (value instanceof Date) {
            return "Date " + ((Date) value).getTime();
        }
        return value.getClass().getSimpleName() + " " + value;
    }
}
