package io.eventyard.broker.scenario;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Return;
import io.eventyard.broker.scenario.harness.BrokerTarget;
import io.eventyard.broker.scenario.harness.CloseReason;
import io.eventyard.broker.scenario.harness.ForEachBrokerTarget;
import io.eventyard.broker.scenario.harness.Scenario;
import io.eventyard.broker.scenario.harness.Waits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.eventyard.broker.scenario.harness.Bodies.bytes;
import static io.eventyard.broker.scenario.harness.QueueContents.takeAll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exchanges and how they route. Publishes go through a confirming channel and each scenario waits for the
 * confirms before looking into queues: a confirm means the message has been routed and enqueued.
 */
@ForEachBrokerTarget
class ExchangeScenarioIT {

    @RegisterExtension
    final Scenario scenario;

    private Channel channel;

    ExchangeScenarioIT(BrokerTarget target) {
        this.scenario = new Scenario(target);
    }

    @BeforeEach
    void openConfirmingChannel() throws Exception {
        channel = scenario.openChannel();
        channel.confirmSelect();
    }

    @Test
    void routesByTheExactKeyThroughADirectExchange() throws Exception {
        String exchange = declareExchange("direct", BuiltinExchangeType.DIRECT);
        String orders = declareQueueBoundTo(exchange, "orders");
        String audit = declareQueueBoundTo(exchange, "orders", "payments");

        publishAndConfirm(exchange, "orders", "payments", "orders.eu", "ORDERS");

        assertThat(takeAll(channel, orders)).containsExactly("orders");
        assertThat(takeAll(channel, audit)).containsExactly("orders", "payments");
    }

    @Test
    void copiesToEveryBoundQueueThroughAFanoutExchangeWhateverTheKey() throws Exception {
        String exchange = declareExchange("fanout", BuiltinExchangeType.FANOUT);
        String first = declareQueueBoundTo(exchange, "ignored");
        String second = declareQueueBoundTo(exchange, "");

        publishAndConfirm(exchange, "a", "b.c", "");

        assertThat(takeAll(channel, first)).containsExactly("a", "b.c", "");
        assertThat(takeAll(channel, second)).containsExactly("a", "b.c", "");
    }

    /**
     * RabbitMQ's topic matching, word by word: {@code *} is exactly one word, {@code #} zero or more, and words
     * may be empty ({@code "a..c"} has three). The empty key has no words at all, so {@code *} does not match it.
     */
    @Test
    void matchesTopicPatternsWordByWordAsRabbitMqDoes() throws Exception {
        String exchange = declareExchange("topic", BuiltinExchangeType.TOPIC);
        List<String> keys = List.of("", "a", "b", "a.b", "b.a", "a.b.c", "a..c", "a.c", "a.b.b.c", ".", "a.", ".a", "x.a.y");
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("#", keys);
        expected.put("*", List.of("a", "b"));
        expected.put("a", List.of("a"));
        expected.put("a.*", List.of("a.b", "a.c", "a."));
        expected.put("a.#", List.of("a", "a.b", "a.b.c", "a..c", "a.c", "a.b.b.c", "a."));
        expected.put("#.a", List.of("a", "b.a", ".a"));
        expected.put("*.a", List.of("b.a", ".a"));
        expected.put("a.*.c", List.of("a.b.c", "a..c"));
        expected.put("a.#.c", List.of("a.b.c", "a..c", "a.c", "a.b.b.c"));
        expected.put("#.b.#", List.of("b", "a.b", "b.a", "a.b.c", "a.b.b.c"));
        expected.put("*.*", List.of("a.b", "b.a", "a.c", ".", "a.", ".a"));
        expected.put("*.#", keys.subList(1, keys.size()));
        expected.put("", List.of(""));
        expected.put("a..c", List.of("a..c"));
        expected.put("*.", List.of(".", "a."));
        Map<String, String> queueByPattern = new LinkedHashMap<>();
        for (String pattern : expected.keySet()) {
            queueByPattern.put(pattern, declareQueueBoundTo(exchange, pattern));
        }

        publishAndConfirm(exchange, keys.toArray(String[]::new));

        Map<String, List<String>> routed = new LinkedHashMap<>();
        for (Map.Entry<String, String> binding : queueByPattern.entrySet()) {
            routed.put(binding.getKey(), takeAll(channel, binding.getValue()));
        }
        assertThat(routed).isEqualTo(expected);
    }

    /**
     * Headers matching as in RabbitMQ 3.10: {@code x-match} all (the default), any, any-with-x; binding arguments
     * starting with {@code x-} take no part (except with {@code -with-x}); values compare by value, so an int 1
     * matches a long 1 but not the string "1"; a void binding value asks only that the header be present.
     */
    @Test
    void matchesHeadersWithXMatchAllAnyAndAnyWithX() throws Exception {
        String exchange = declareExchange("headers", BuiltinExchangeType.HEADERS);
        Map<String, Map<String, Object>> bindings = new LinkedHashMap<>();
        bindings.put("all", Map.of("x-match", "all", "format", "pdf", "type", "report"));
        bindings.put("any", Map.of("x-match", "any", "format", "pdf", "type", "report"));
        bindings.put("all by default", Map.of("format", "pdf", "type", "report"));
        bindings.put("x- arguments ignored", Map.of("x-match", "all", "format", "pdf", "x-other", "z"));
        bindings.put("any-with-x", Map.of("x-match", "any-with-x", "x-other", "z"));
        bindings.put("no arguments", Map.of());
        bindings.put("int", Map.of("n", 1));
        bindings.put("void", new HashMap<>(Collections.singletonMap("v", null)));
        Map<String, Map<String, Object>> messages = new LinkedHashMap<>();
        messages.put("pdf-report", Map.of("format", "pdf", "type", "report"));
        messages.put("pdf", Map.of("format", "pdf"));
        messages.put("pdf-log", Map.of("format", "pdf", "type", "log"));
        messages.put("pdf-x-other", Map.of("format", "pdf", "x-other", "z"));
        messages.put("long-1", Map.of("n", 1L));
        messages.put("string-1", Map.of("n", "1"));
        messages.put("v-present", Map.of("v", "anything"));
        messages.put("no-headers", Map.of());
        Map<String, String> queueByBinding = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> binding : bindings.entrySet()) {
            String queue = scenario.queueName("headers");
            channel.queueDeclare(queue, false, false, false, null);
            channel.queueBind(queue, exchange, "", binding.getValue());
            queueByBinding.put(binding.getKey(), queue);
        }

        for (Map.Entry<String, Map<String, Object>> message : messages.entrySet()) {
            channel.basicPublish(exchange, "", new AMQP.BasicProperties.Builder().headers(message.getValue()).build(),
                    bytes(message.getKey()));
        }
        channel.waitForConfirmsOrDie(Waits.DEFAULT.toMillis());

        Map<String, List<String>> routed = new LinkedHashMap<>();
        for (Map.Entry<String, String> binding : queueByBinding.entrySet()) {
            routed.put(binding.getKey(), takeAll(channel, binding.getValue()));
        }
        assertThat(routed).isEqualTo(Map.of(
                "all", List.of("pdf-report"),
                "any", List.of("pdf-report", "pdf", "pdf-log", "pdf-x-other"),
                "all by default", List.of("pdf-report"),
                "x- arguments ignored", List.of("pdf-report", "pdf", "pdf-log", "pdf-x-other"),
                "any-with-x", List.of("pdf-x-other"),
                "no arguments", List.copyOf(messages.keySet()),
                "int", List.of("long-1"),
                "void", List.of("v-present")));
    }

    @Test
    void routesToTheQueueNamedByTheKeyThroughTheDefaultExchange() throws Exception {
        String queue = scenario.queueName("by-name");
        channel.queueDeclare(queue, false, false, false, null);

        publishAndConfirm("", queue, scenario.uniqueName("nobody"));

        assertThat(takeAll(channel, queue)).containsExactly(queue);
    }

    @Test
    void predeclaresTheDurableAmqExchangesOfEachType() throws Exception {
        Map<String, BuiltinExchangeType> predeclared = Map.of(
                "amq.direct", BuiltinExchangeType.DIRECT,
                "amq.fanout", BuiltinExchangeType.FANOUT,
                "amq.topic", BuiltinExchangeType.TOPIC,
                "amq.headers", BuiltinExchangeType.HEADERS,
                "amq.match", BuiltinExchangeType.HEADERS);

        for (Map.Entry<String, BuiltinExchangeType> exchange : predeclared.entrySet()) {
            // An equivalent redeclaration succeeds, which proves the type and the durability.
            channel.exchangeDeclare(exchange.getKey(), exchange.getValue(), true);
        }
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void declaresPassivelyOnlyAnExchangeThatExists() throws Exception {
        String exchange = declareExchange("existing", BuiltinExchangeType.TOPIC);
        channel.exchangeDeclarePassive(exchange);
        String missing = scenario.uniqueName("missing");

        assertThat(CloseReason.thrownBy(() -> channel.exchangeDeclarePassive(missing)))
                .isEqualTo(CloseReason.channel(404, "NOT_FOUND - no exchange '" + missing + "' in vhost '/'"));
    }

    @Test
    void deletesAnAutoDeleteExchangeWhenItsLastBindingGoes() throws Exception {
        String exchange = scenario.exchangeName("auto-delete");
        channel.exchangeDeclare(exchange, BuiltinExchangeType.DIRECT, false, true, null);
        channel.exchangeDeclarePassive(exchange);
        String first = declareQueueBoundTo(exchange, "k");
        String second = declareQueueBoundTo(exchange, "k");

        channel.queueUnbind(first, exchange, "k");
        channel.exchangeDeclarePassive(exchange);
        channel.queueDelete(second);

        assertThat(CloseReason.thrownBy(() -> channel.exchangeDeclarePassive(exchange)))
                .isEqualTo(CloseReason.channel(404, "NOT_FOUND - no exchange '" + exchange + "' in vhost '/'"));
    }

    @Test
    void refusesPublishesToAnInternalExchangeButRoutesWhatAnotherExchangeForwards() throws Exception {
        String internal = scenario.exchangeName("internal");
        channel.exchangeDeclare(internal, BuiltinExchangeType.FANOUT, false, false, true, null);
        String front = declareExchange("front", BuiltinExchangeType.FANOUT);
        channel.exchangeBind(internal, front, "");
        String queue = declareQueueBoundTo(internal, "");

        publishAndConfirm(front, "forwarded");
        assertThat(takeAll(channel, queue)).containsExactly("forwarded");

        channel.basicPublish(internal, "", null, bytes("direct"));
        assertThat(CloseReason.awaitedFrom(channel)).isEqualTo(CloseReason.channel(403,
                "ACCESS_REFUSED - cannot publish to internal exchange '" + internal + "' in vhost '/'"));
    }

    @Test
    void deletesIfUnusedOnlyAnExchangeWithoutBindings() throws Exception {
        String unused = declareExchange("unused", BuiltinExchangeType.DIRECT);
        String used = declareExchange("used", BuiltinExchangeType.DIRECT);
        declareQueueBoundTo(used, "k");

        channel.exchangeDelete(unused, true);

        assertThat(CloseReason.thrownBy(() -> channel.exchangeDelete(used, true))).isEqualTo(
                CloseReason.channel(406, "PRECONDITION_FAILED - exchange '" + used + "' in vhost '/' in use"));
    }

    @Test
    void forwardsThroughExchangeToExchangeBindingsUntilUnbound() throws Exception {
        String source = declareExchange("source", BuiltinExchangeType.TOPIC);
        String destination = declareExchange("destination", BuiltinExchangeType.FANOUT);
        String queue = declareQueueBoundTo(destination, "");
        channel.exchangeBind(destination, source, "orders.*");

        publishAndConfirm(source, "orders.placed", "payments.failed");
        channel.exchangeUnbind(destination, source, "orders.*");
        publishAndConfirm(source, "orders.shipped");

        assertThat(takeAll(channel, queue)).containsExactly("orders.placed");
    }

    @Test
    void sendsWhatNoBindingMatchesToTheAlternateExchangeWithoutReturningIt() throws Exception {
        String alternate = declareExchange("alternate", BuiltinExchangeType.FANOUT);
        String unrouted = declareQueueBoundTo(alternate, "");
        String exchange = scenario.exchangeName("with-alternate");
        channel.exchangeDeclare(exchange, BuiltinExchangeType.DIRECT, false, false, Map.of("alternate-exchange", alternate));
        String routed = declareQueueBoundTo(exchange, "known");
        List<Return> returns = new CopyOnWriteArrayList<>();
        channel.addReturnListener(returns::add);

        channel.basicPublish(exchange, "known", true, null, bytes("known"));
        channel.basicPublish(exchange, "unknown", true, null, bytes("unknown"));
        channel.waitForConfirmsOrDie(Waits.DEFAULT.toMillis());

        assertThat(takeAll(channel, routed)).containsExactly("known");
        assertThat(takeAll(channel, unrouted)).containsExactly("unknown");
        assertThat(returns).isEmpty();
    }

    private String declareExchange(String hint, BuiltinExchangeType type) throws Exception {
        String exchange = scenario.exchangeName(hint);
        channel.exchangeDeclare(exchange, type);
        return exchange;
    }

    private String declareQueueBoundTo(String exchange, String... keys) throws Exception {
        String queue = scenario.queueName("bound");
        channel.queueDeclare(queue, false, false, false, null);
        for (String key : keys) {
            channel.queueBind(queue, exchange, key);
        }
        return queue;
    }

    /** Publishes one message per key, the key being its body, and waits until the broker has confirmed them all. */
    private void publishAndConfirm(String exchange, String... keys) throws Exception {
        for (String key : keys) {
            channel.basicPublish(exchange, key, null, bytes(key));
        }
        channel.waitForConfirmsOrDie(Waits.DEFAULT.toMillis());
    }
}
