package io.eventyard.broker.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.eventyard.broker.core.message.Message;
import io.eventyard.broker.core.message.MessageProperties;

/** The x-death header as RabbitMQ 3.10.8's rabbit_dead_letter writes it; the cases were checked against it. */
class DeathHistoryTest {

    private static final Instant T1 = Instant.ofEpochSecond(1_700_000_000L);
    private static final Instant T2 = T1.plusSeconds(5);
    private static final Instant T3 = T1.plusSeconds(9);

    @Test
    void firstDeathAddsOneEntryWithRabbitMqsFields() {
        Message published = published(Map.of("CC", List.of("audit")), "5000");

        Message dead = DeathHistory.recordDeath(published, "q1", DeathReason.EXPIRED, T1, "dlx", null);

        List<Map<String, Object>> deaths = deaths(dead);
        assertThat(deaths).hasSize(1);
        Map<String, Object> entry = deaths.get(0);
        assertThat(entry).containsOnlyKeys("count", "reason", "queue", "time", "exchange", "routing-keys",
                "original-expiration");
        assertThat(entry.get("count")).isEqualTo(1L);
        assertThat(entry.get("reason")).isEqualTo("expired");
        assertThat(entry.get("queue")).isEqualTo("q1");
        assertThat(entry.get("time")).isEqualTo(T1);
        assertThat(entry.get("exchange")).isEqualTo("orders");
        assertThat(entry.get("routing-keys")).isEqualTo(List.of("order.paid", "audit"));
        assertThat(entry.get("original-expiration")).isEqualTo("5000");
    }

    @Test
    void firstDeathWritesTheFirstDeathHeaders() {
        Message dead = DeathHistory.recordDeath(published(Map.of(), null), "q1", DeathReason.REJECTED, T1, "dlx", null);

        Map<String, Object> headers = dead.properties().headers();
        assertThat(headers).containsEntry("x-first-death-reason", "rejected")
                .containsEntry("x-first-death-queue", "q1")
                .containsEntry("x-first-death-exchange", "orders");
    }

    @Test
    void deadLetterIsAddressedToTheDeadLetterExchangeWithoutItsExpiration() {
        Message published = published(Map.of("app", "shop"), "5000");

        Message dead = DeathHistory.recordDeath(published, "q1", DeathReason.EXPIRED, T1, "dlx", null);

        assertThat(dead.exchange()).isEqualTo("dlx");
        assertThat(dead.routingKey()).isEqualTo("order.paid");
        assertThat(dead.properties().expiration()).isNull();
        assertThat(dead.properties().headers()).containsEntry("app", "shop");
        assertThat(dead.properties().contentType()).isEqualTo("text/plain");
        assertThat(dead.body()).isEqualTo(published.body());
    }

    @Test
    void messageWithoutExpirationHasNoOriginalExpiration() {
        Message dead = DeathHistory.recordDeath(published(Map.of(), null), "q1", DeathReason.MAXLEN, T1, "dlx", null);

        assertThat(deaths(dead).get(0)).doesNotContainKey("original-expiration");
    }

    @Test
    void deadLetterRoutingKeyReplacesTheKeyButNotTheRecordedRoutingKeys() {
        Message dead = DeathHistory.recordDeath(published(Map.of(), null), "q1", DeathReason.REJECTED, T1, "dlx",
                "dead.orders");

        assertThat(dead.routingKey()).isEqualTo("dead.orders");
        assertThat(deaths(dead).get(0).get("routing-keys")).isEqualTo(List.of("order.paid"));
    }

    @Test
    void deadLetterRoutingKeyRemovesTheCcHeader() {
        Message dead = DeathHistory.recordDeath(published(Map.of("CC", List.of("audit")), null), "q1",
                DeathReason.REJECTED, T1, "dlx", "dead.orders");

        assertThat(dead.properties().headers()).doesNotContainKey("CC");
        assertThat(deaths(dead).get(0).get("routing-keys")).isEqualTo(List.of("order.paid", "audit"));
    }

    @Test
    void laterDeathInAnotherQueueGoesFirstAndTheFirstDeathHeadersStay() {
        Message once = DeathHistory.recordDeath(published(Map.of(), null), "q1", DeathReason.REJECTED, T1, "dlx1", null);

        Message twice = DeathHistory.recordDeath(once, "q2", DeathReason.EXPIRED, T2, "dlx2", null);

        assertThat(deaths(twice)).extracting(d -> d.get("queue"), d -> d.get("reason"), d -> d.get("count"))
                .containsExactly(tuple("q2", "expired", 1L),
                        tuple("q1", "rejected", 1L));
        assertThat(deaths(twice).get(0).get("exchange")).isEqualTo("dlx1");
        assertThat(twice.properties().headers()).containsEntry("x-first-death-queue", "q1")
                .containsEntry("x-first-death-reason", "rejected")
                .containsEntry("x-first-death-exchange", "orders");
    }

    @Test
    void sameQueueAndReasonRaisesTheCountAndMovesTheEntryToTheFront() {
        Message first = DeathHistory.recordDeath(published(Map.of(), null), "q1", DeathReason.REJECTED, T1, "dlx1", null);
        Message second = DeathHistory.recordDeath(first, "q2", DeathReason.EXPIRED, T2, "dlx2", null);

        Message third = DeathHistory.recordDeath(second, "q1", DeathReason.REJECTED, T3, "dlx1", null);

        assertThat(deaths(third)).extracting(d -> d.get("queue"), d -> d.get("reason"), d -> d.get("count"))
                .containsExactly(tuple("q1", "rejected", 2L),
                        tuple("q2", "expired", 1L));
    }

    @Test
    void sameQueueWithAnotherReasonIsAnEntryOfItsOwn() {
        Message first = DeathHistory.recordDeath(published(Map.of(), null), "q1", DeathReason.EXPIRED, T1, "dlx", null);

        Message second = DeathHistory.recordDeath(first, "q1", DeathReason.REJECTED, T2, "dlx", null);

        assertThat(deaths(second)).extracting(d -> d.get("reason")).containsExactly("rejected", "expired");
    }

    @Test
    void raisedEntryKeepsTheTimeExchangeAndRoutingKeysOfItsFirstDeath() {
        Message first = DeathHistory.recordDeath(published(Map.of(), null), "q1", DeathReason.REJECTED, T1, "dlx1", null);
        Message second = DeathHistory.recordDeath(first, "q2", DeathReason.EXPIRED, T2, "dlx2", "back");

        Message third = DeathHistory.recordDeath(second, "q1", DeathReason.REJECTED, T3, "dlx1", null);

        Map<String, Object> raised = deaths(third).get(0);
        assertThat(raised.get("count")).isEqualTo(2L);
        assertThat(raised.get("time")).isEqualTo(T1);
        assertThat(raised.get("exchange")).isEqualTo("orders");
        assertThat(raised.get("routing-keys")).isEqualTo(List.of("order.paid"));
    }

    @Test
    void ccKeysAreTheCcThenBccStringsInOrder() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("BCC", List.of("b1"));
        headers.put("CC", List.of("c1", 42, "c2"));

        assertThat(DeathHistory.ccKeys(headers)).containsExactly("c1", "c2", "b1");
    }

    @Test
    void ccHeaderThatIsNotAListGivesNoKeys() {
        assertThat(DeathHistory.ccKeys(Map.of("CC", "c1"))).isEmpty();
        assertThat(DeathHistory.ccKeys(null)).isEmpty();
    }

    @Test
    void messageThatNeverDiedIsNoCycle() {
        assertThat(DeathHistory.isAutomaticCycle(published(Map.of(), null), "q1")).isFalse();
        assertThat(DeathHistory.isAutomaticCycle(published(null, null), "q1")).isFalse();
    }

    @Test
    void queueTheMessageAlreadyExpiredInIsACycle() {
        Message dead = history(DeathReason.EXPIRED, "q1", DeathReason.EXPIRED, "q2");

        assertThat(DeathHistory.isAutomaticCycle(dead, "q1")).isTrue();
        assertThat(DeathHistory.isAutomaticCycle(dead, "q2")).isTrue();
        assertThat(DeathHistory.isAutomaticCycle(dead, "q3")).isFalse();
    }

    @Test
    void maxlenDeathsAreAutomaticToo() {
        Message dead = history(DeathReason.MAXLEN, "q1");

        assertThat(DeathHistory.isAutomaticCycle(dead, "q1")).isTrue();
    }

    @Test
    void rejectionSinceTheTargetBreaksTheCycle() {
        Message dead = history(DeathReason.EXPIRED, "q1", DeathReason.REJECTED, "q2");

        assertThat(DeathHistory.isAutomaticCycle(dead, "q1")).isFalse();
    }

    @Test
    void rejectionInTheTargetItselfBreaksTheCycle() {
        Message dead = history(DeathReason.REJECTED, "q1");

        assertThat(DeathHistory.isAutomaticCycle(dead, "q1")).isFalse();
    }

    @Test
    void rejectionBeforeTheTargetsDeathDoesNotBreakTheCycle() {
        Message dead = history(DeathReason.REJECTED, "q2", DeathReason.EXPIRED, "q1");

        assertThat(DeathHistory.isAutomaticCycle(dead, "q1")).isTrue();
    }

    @Test
    void itemThatIsNotATableMeansAClientWroteTheHistory() {
        Message once = history(DeathReason.EXPIRED, "q1");
        List<Object> deaths = new ArrayList<>((List<?>) once.properties().headers().get(DeathHistory.X_DEATH));
        deaths.add(0, "written by a client");
        Map<String, Object> headers = new LinkedHashMap<>(once.properties().headers());
        headers.put(DeathHistory.X_DEATH, deaths);
        Message edited = once.withProperties(once.properties().withHeaders(headers));

        assertThat(DeathHistory.isAutomaticCycle(edited, "q1")).isFalse();
    }

    /** Deaths in order, oldest first: reason, queue, reason, queue... */
    private static Message history(Object... reasonsAndQueues) {
        Message message = published(Map.of(), null);
        for (int i = 0; i < reasonsAndQueues.length; i += 2) {
            message = DeathHistory.recordDeath(message, (String) reasonsAndQueues[i + 1],
                    (DeathReason) reasonsAndQueues[i], T1, "dlx", null);
        }
        return message;
    }

    private static Message published(Map<String, Object> headers, String expiration) {
        MessageProperties properties = new MessageProperties("text/plain", null, headers, null, null, null, null,
                expiration, null, null, null, null, null, null);
        return new Message("orders", "order.paid", properties, "body".getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> deaths(Message message) {
        return (List<Map<String, Object>>) message.properties().headers().get(DeathHistory.X_DEATH);
    }
}
