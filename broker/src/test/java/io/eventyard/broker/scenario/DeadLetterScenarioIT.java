package io.eventyard.broker.scenario;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.eventyard.broker.scenario.harness.BrokerTarget;
import io.eventyard.broker.scenario.harness.ForEachBrokerTarget;
import io.eventyard.broker.scenario.harness.Scenario;
import io.eventyard.broker.scenario.harness.Waits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.eventyard.broker.scenario.harness.Bodies.bytes;
import static io.eventyard.broker.scenario.harness.Bodies.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dead-lettering as RabbitMQ 3.10 does it: why (rejected, expired, maxlen), where to (the queue's dead-letter
 * exchange and routing key), and what the message carries from then on: the {@code x-death} array, one table per
 * (queue, reason) with a count, most recent first, and the {@code x-first-death-*} headers, set once. A cycle in
 * which no one rejected (expiry all the way round) is dropped where it would close.
 */
@ForEachBrokerTarget
class DeadLetterScenarioIT {

    @RegisterExtension
    final Scenario scenario;

    private Channel channel;
    private String deadLetters;

    DeadLetterScenarioIT(BrokerTarget target) {
        this.scenario = new Scenario(target);
    }

    @BeforeEach
    void declareDeadLetterQueue() throws Exception {
        channel = scenario.openChannel();
        channel.confirmSelect();
        deadLetters = declareQueue("dead-letters", null);
    }

    @Test
    void deadLettersARejectedMessageWithItsDeathRecorded() throws Exception {
        String exchange = scenario.exchangeName("dlx");
        channel.exchangeDeclare(exchange, BuiltinExchangeType.FANOUT);
        channel.queueBind(deadLetters, exchange, "");
        String source = scenario.exchangeName("source");
        channel.exchangeDeclare(source, BuiltinExchangeType.DIRECT);
        String queue = declareQueue("work", Map.of("x-dead-letter-exchange", exchange));
        channel.queueBind(queue, source, "orders");
        Date before = wholeSecondsBefore(new Date());

        publishAndConfirm(source, "orders", null, "rejected");
        GetResponse taken = channel.basicGet(queue, false);
        channel.basicReject(taken.getEnvelope().getDeliveryTag(), false);

        GetResponse dead = awaitDeadLetter();
        assertThat(text(dead.getBody())).isEqualTo("rejected");
        assertThat(dead.getEnvelope().getExchange()).isEqualTo(exchange);
        assertThat(dead.getEnvelope().getRoutingKey()).isEqualTo("orders");
        assertThat(dead.getEnvelope().isRedeliver()).isFalse();
        assertThat(deaths(dead)).containsExactly(new Death(queue, "rejected", 1, source, List.of("orders")));
        assertThat(firstDeath(dead)).isEqualTo(Map.of("x-first-death-queue", queue,
                "x-first-death-reason", "rejected", "x-first-death-exchange", source));
        Map<String, Object> death = deathTables(dead).get(0);
        assertThat(death).containsOnlyKeys("count", "reason", "queue", "time", "exchange", "routing-keys");
        assertThat(death.get("count")).isInstanceOf(Long.class);
        assertThat((Date) death.get("time")).isBetween(before, new Date(), true, true);
    }

    @Test
    void deadLettersANackedMessageAsRejected() throws Exception {
        String queue = declareQueue("work", deadLetteringTo(deadLetters));

        publishAndConfirm("", queue, null, "nacked");
        GetResponse taken = channel.basicGet(queue, false);
        channel.basicNack(taken.getEnvelope().getDeliveryTag(), false, false);

        assertThat(deaths(awaitDeadLetter())).containsExactly(new Death(queue, "rejected", 1, "", List.of(queue)));
    }

    @Test
    void deadLettersAMessageExpiredByTheQueueTtl() throws Exception {
        Map<String, Object> arguments = new HashMap<>(deadLetteringTo(deadLetters));
        arguments.put("x-message-ttl", 20);
        String queue = declareQueue("ttl", arguments);

        publishAndConfirm("", queue, null, "expired");

        GetResponse dead = awaitDeadLetter();
        assertThat(deaths(dead)).containsExactly(new Death(queue, "expired", 1, "", List.of(queue)));
        assertThat(deathTables(dead).get(0)).doesNotContainKey("original-expiration");
    }

    @Test
    void deadLettersAMessageExpiredByItsOwnExpirationWithoutIt() throws Exception {
        String queue = declareQueue("expiring", deadLetteringTo(deadLetters));

        publishAndConfirm("", queue, new AMQP.BasicProperties.Builder().expiration("20").build(), "expired");

        GetResponse dead = awaitDeadLetter();
        assertThat(deaths(dead)).containsExactly(new Death(queue, "expired", 1, "", List.of(queue)));
        // The expiration moves into the death record, or the message would expire again wherever it goes.
        assertThat(dead.getProps().getExpiration()).isNull();
        assertThat(deathTables(dead).get(0).get("original-expiration")).hasToString("20");
    }

    @Test
    void recordsTheOriginalExpirationOfARejectedMessageToo() throws Exception {
        String queue = declareQueue("work", deadLetteringTo(deadLetters));

        publishAndConfirm("", queue, new AMQP.BasicProperties.Builder().expiration("600000").build(), "rejected");
        channel.basicReject(channel.basicGet(queue, false).getEnvelope().getDeliveryTag(), false);

        GetResponse dead = awaitDeadLetter();
        assertThat(dead.getProps().getExpiration()).isNull();
        assertThat(deathTables(dead).get(0).get("original-expiration")).hasToString("600000");
    }

    @Test
    void deadLettersTheOldestMessageDroppedBeyondTheMaxLength() throws Exception {
        Map<String, Object> arguments = new HashMap<>(deadLetteringTo(deadLetters));
        arguments.put("x-max-length", 1);
        String queue = declareQueue("bounded", arguments);

        publishAndConfirm("", queue, null, "oldest");
        publishAndConfirm("", queue, null, "newest");

        GetResponse dead = awaitDeadLetter();
        assertThat(text(dead.getBody())).isEqualTo("oldest");
        assertThat(deaths(dead)).containsExactly(new Death(queue, "maxlen", 1, "", List.of(queue)));
    }

    @Test
    void replacesTheRoutingKeyAndDropsCcWithADeadLetterRoutingKey() throws Exception {
        String source = scenario.exchangeName("source");
        channel.exchangeDeclare(source, BuiltinExchangeType.DIRECT);
        String queue = declareQueue("work", deadLetteringTo(deadLetters));
        channel.queueBind(queue, source, "orders");
        channel.queueBind(queue, source, "copies");
        AMQP.BasicProperties withCc = new AMQP.BasicProperties.Builder()
                .headers(Map.of("CC", List.of("copies"), "kept", "yes")).build();

        publishAndConfirm(source, "orders", withCc, "copied");
        channel.basicReject(channel.basicGet(queue, false).getEnvelope().getDeliveryTag(), false);

        GetResponse dead = awaitDeadLetter();
        assertThat(dead.getEnvelope().getRoutingKey()).isEqualTo(deadLetters);
        // The death keeps every key the message was published with: the routing key, then the CC keys.
        assertThat(deaths(dead)).containsExactly(new Death(queue, "rejected", 1, source, List.of("orders", "copies")));
        assertThat(dead.getProps().getHeaders()).doesNotContainKey("CC").containsKey("kept");
    }

    @Test
    void raisesTheCountPerQueueAndReasonEachTimeAMessageCyclesThroughARetryQueue() throws Exception {
        String work = scenario.queueName("work");
        String retry = scenario.queueName("retry");
        channel.queueDeclare(work, false, false, false, deadLetteringTo(retry));
        Map<String, Object> retryArguments = new HashMap<>(deadLetteringTo(work));
        retryArguments.put("x-message-ttl", 20);
        channel.queueDeclare(retry, false, false, false, retryArguments);
        publishAndConfirm("", work, null, "retried");

        GetResponse attempt = null;
        for (int round = 1; round <= 3; round++) {
            scenario.awaitMessageCount(work, 1);
            attempt = channel.basicGet(work, false);
            if (round < 3) {
                channel.basicReject(attempt.getEnvelope().getDeliveryTag(), false);
            }
        }

        // Back for the third time: two rejections from work, two expiries from retry, latest first.
        assertThat(deaths(attempt)).containsExactly(
                new Death(retry, "expired", 2, "", List.of(retry)),
                new Death(work, "rejected", 2, "", List.of(work)));
        assertThat(firstDeath(attempt)).isEqualTo(Map.of("x-first-death-queue", work,
                "x-first-death-reason", "rejected", "x-first-death-exchange", ""));
    }

    @Test
    void dropsAMessageThatExpiresBackIntoTheSameQueue() throws Exception {
        String loop = scenario.exchangeName("loop");
        channel.exchangeDeclare(loop, BuiltinExchangeType.FANOUT);
        String queue = scenario.queueName("self-cycle");
        channel.queueDeclare(queue, false, false, false, Map.of("x-message-ttl", 20, "x-dead-letter-exchange", loop));
        channel.queueBind(queue, loop, "");
        // A witness bound to the same exchange shows that dead-lettering did happen.
        channel.queueBind(deadLetters, loop, "");

        publishAndConfirm("", queue, null, "cycling");

        GetResponse witnessed = awaitDeadLetter();
        assertThat(deaths(witnessed)).containsExactly(new Death(queue, "expired", 1, "", List.of(queue)));
        assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isZero();
    }

    @Test
    void dropsAMessageThatExpiresRoundACycleOfQueuesWhereItWouldCloseTheCycle() throws Exception {
        String first = scenario.queueName("cycle-first");
        String second = scenario.queueName("cycle-second");
        String backToFirst = scenario.exchangeName("back-to-first");
        channel.exchangeDeclare(backToFirst, BuiltinExchangeType.FANOUT);
        Map<String, Object> firstArguments = new HashMap<>(deadLetteringTo(second));
        firstArguments.put("x-message-ttl", 20);
        channel.queueDeclare(first, false, false, false, firstArguments);
        channel.queueDeclare(second, false, false, false, Map.of("x-message-ttl", 20, "x-dead-letter-exchange", backToFirst));
        channel.queueBind(first, backToFirst, "");
        channel.queueBind(deadLetters, backToFirst, "");

        publishAndConfirm("", first, null, "cycling");

        GetResponse witnessed = awaitDeadLetter();
        assertThat(deaths(witnessed)).containsExactly(
                new Death(second, "expired", 1, "", List.of(second)),
                new Death(first, "expired", 1, "", List.of(first)));
        assertThat(channel.queueDeclarePassive(first).getMessageCount()).isZero();
        assertThat(channel.queueDeclarePassive(second).getMessageCount()).isZero();
    }

    /**
     * RabbitMQ 3.10 continues the x-death a client sends back: a dead letter republished with its headers and
     * rejected again counts as the same (queue, reason). RabbitMQ 4.x ignores x-death from clients and would
     * start over at 1.
     */
    @Test
    void continuesTheDeathCountOfAMessageAClientRepublishedWithItsHeaders() throws Exception {
        String queue = declareQueue("work", deadLetteringTo(deadLetters));
        publishAndConfirm("", queue, null, "republished");
        channel.basicReject(channel.basicGet(queue, false).getEnvelope().getDeliveryTag(), false);
        GetResponse firstDeath = awaitDeadLetter();

        publishAndConfirm("", queue, firstDeath.getProps(), "republished");
        channel.basicReject(channel.basicGet(queue, false).getEnvelope().getDeliveryTag(), false);

        GetResponse secondDeath = awaitDeadLetter();
        assertThat(deaths(secondDeath)).containsExactly(new Death(queue, "rejected", 2, "", List.of(queue)));
    }

    /** One entry of x-death, without its time. */
    private record Death(String queue, String reason, long count, String exchange, List<String> routingKeys) {
    }

    private static List<Death> deaths(GetResponse message) {
        return deathTables(message).stream()
                .map(table -> new Death(String.valueOf(table.get("queue")), String.valueOf(table.get("reason")),
                        (Long) table.get("count"), String.valueOf(table.get("exchange")),
                        ((List<?>) table.get("routing-keys")).stream().map(String::valueOf).collect(Collectors.toList())))
                .collect(Collectors.toList());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> deathTables(GetResponse message) {
        Map<String, Object> headers = message.getProps().getHeaders();
        assertThat(headers).as("headers of the dead letter").containsKey("x-death");
        return (List<Map<String, Object>>) headers.get("x-death");
    }

    private static Map<String, String> firstDeath(GetResponse message) {
        return message.getProps().getHeaders().entrySet().stream()
                .filter(header -> header.getKey().startsWith("x-first-death-"))
                .collect(Collectors.toMap(Map.Entry::getKey, header -> String.valueOf(header.getValue())));
    }

    private static Map<String, Object> deadLetteringTo(String queue) {
        return Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", queue);
    }

    private static Date wholeSecondsBefore(Date date) {
        return new Date(date.getTime() / 1000 * 1000);
    }

    private GetResponse awaitDeadLetter() throws Exception {
        scenario.awaitMessageCount(deadLetters, 1);
        return channel.basicGet(deadLetters, true);
    }

    private String declareQueue(String hint, Map<String, Object> arguments) throws Exception {
        String queue = scenario.queueName(hint);
        channel.queueDeclare(queue, false, false, false, arguments);
        return queue;
    }

    private void publishAndConfirm(String exchange, String key, AMQP.BasicProperties properties, String body) throws Exception {
        channel.basicPublish(exchange, key, properties, bytes(body));
        channel.waitForConfirmsOrDie(Waits.DEFAULT.toMillis());
    }
}
