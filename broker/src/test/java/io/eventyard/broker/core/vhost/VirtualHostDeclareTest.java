package io.eventyard.broker.core.vhost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.eventyard.broker.core.CoreException;
import io.eventyard.broker.core.exchange.Destination;
import io.eventyard.broker.core.exchange.Exchange;
import io.eventyard.broker.core.message.Message;
import io.eventyard.broker.core.message.MessageProperties;
import io.eventyard.broker.core.queue.MessageQueue;
import io.eventyard.broker.core.queue.QueueConsumer;
import io.eventyard.broker.core.queue.QueueEntry;

/** Declaring, deleting and binding as RabbitMQ 3.10 allows it, with its reply texts. */
class VirtualHostDeclareTest {

    private final CoreThread core = new CoreThread();
    private final VirtualHost vhost = core.vhost();
    private final Object connection = new Object();
    private final Object otherConnection = new Object();

    @AfterEach
    void stopCore() {
        core.close();
    }

    // ---- queues ------------------------------------------------------------------------------------------

    @Test
    void declareAnswersTheNameAndTheCounts() {
        assertThat(declare("q")).isEqualTo(new QueueDeclared("q", 0, 0));
        core.call(() -> vhost.publish(message("", "q")));
        core.call(() -> vhost.publish(message("", "q")));
        core.run(() -> vhost.queue("q", connection).addConsumer(new IdleConsumer()));

        assertThat(declare("q")).isEqualTo(new QueueDeclared("q", 2, 1));
        assertThat(core.call(() -> vhost.declareQueue("q", true, false, false, false, null, connection)))
                .isEqualTo(new QueueDeclared("q", 2, 1));
    }

    @Test
    void queueWithoutANameGetsAServerGeneratedOne() {
        String first = declare("").name();
        String second = declare("").name();

        assertThat(first).startsWith("amq.gen-").hasSize("amq.gen-".length() + 22).isNotEqualTo(second);
        assertThat(core.call(() -> vhost.queue(first, connection).name())).isEqualTo(first);
    }

    @Test
    void refusesAQueueNameWithTheReservedPrefix() {
        assertRefused(() -> declare("amq.q"), CoreException.Reason.ACCESS_REFUSED,
                "queue name 'amq.q' contains reserved prefix 'amq.*'");
    }

    @Test
    void passiveDeclareOfAMissingQueueIsNotFound() {
        assertRefused(() -> vhost.declareQueue("missing", true, false, false, false, null, connection),
                CoreException.Reason.NOT_FOUND, "no queue 'missing' in vhost '/'");
    }

    @Test
    void redeclareWithOtherPropertiesIsInequivalent() {
        declare("q");

        assertRefused(() -> vhost.declareQueue("q", false, true, false, false, null, connection),
                CoreException.Reason.PRECONDITION_FAILED,
                "inequivalent arg 'durable' for queue 'q' in vhost '/': received 'true' but current is 'false'");
        assertRefused(() -> vhost.declareQueue("q", false, false, false, true, null, connection),
                CoreException.Reason.PRECONDITION_FAILED,
                "inequivalent arg 'auto_delete' for queue 'q' in vhost '/': received 'true' but current is 'false'");
        assertRefused(() -> vhost.declareQueue("q", false, false, false, false, Map.of("x-max-length", 1),
                        connection), CoreException.Reason.PRECONDITION_FAILED,
                "inequivalent arg 'x-max-length' for queue 'q' in vhost '/': received the value '1' of type "
                        + "'signedint' but current is none");
    }

    @Test
    void invalidArgumentsAreRefusedOnDeclare() {
        assertRefused(() -> vhost.declareQueue("q", false, false, false, false, Map.of("x-expires", 0), connection),
                CoreException.Reason.PRECONDITION_FAILED,
                "invalid arg 'x-expires' for queue 'q' in vhost '/': {value_zero,0}");
        assertThat(core.call(() -> vhost.queues().size())).isZero();
    }

    @Test
    void exclusiveQueueIsLockedForEveryOtherConnection() {
        core.call(() -> vhost.declareQueue("q", false, false, true, false, null, connection));
        String locked = "cannot obtain exclusive access to locked queue 'q' in vhost '/'. It could be originally "
                + "declared on another connection or the exclusive property value does not match that of the "
                + "original declaration.";

        assertRefused(() -> vhost.declareQueue("q", false, false, true, false, null, otherConnection),
                CoreException.Reason.RESOURCE_LOCKED, locked);
        assertRefused(() -> vhost.declareQueue("q", true, false, false, false, null, otherConnection),
                CoreException.Reason.RESOURCE_LOCKED, locked);
        assertRefused(() -> vhost.queue("q", otherConnection), CoreException.Reason.RESOURCE_LOCKED, locked);
        assertRefused(() -> vhost.deleteQueue("q", false, false, otherConnection), CoreException.Reason.RESOURCE_LOCKED,
                locked);
        assertThat(core.call(() -> vhost.queue("q", connection).exclusive())).isTrue();
    }

    @Test
    void exclusivityMustMatchOnRedeclare() {
        core.call(() -> vhost.declareQueue("mine", false, false, true, false, null, connection));
        declare("shared");

        assertRefused(() -> vhost.declareQueue("mine", false, false, false, false, null, connection),
                CoreException.Reason.RESOURCE_LOCKED, null);
        assertRefused(() -> vhost.declareQueue("shared", false, false, true, false, null, connection),
                CoreException.Reason.RESOURCE_LOCKED, null);
        assertThat(core.call(() -> vhost.declareQueue("mine", false, false, true, false, null, connection)).name())
                .isEqualTo("mine");
    }

    @Test
    void exclusiveQueuesGoWithTheirConnection() {
        core.call(() -> vhost.declareQueue("mine", false, false, true, false, null, connection));
        core.call(() -> vhost.declareQueue("theirs", false, false, true, false, null, otherConnection));
        IdleConsumer consumer = new IdleConsumer();
        core.run(() -> vhost.queue("mine", connection).addConsumer(consumer));

        core.run(() -> vhost.ownerClosed(connection));

        assertThat(core.call(() -> vhost.queues().stream().map(MessageQueue::name).toList())).containsExactly("theirs");
        assertThat(consumer.cancelled).isTrue();
    }

    @Test
    void onlySharedDurableQueuesAreRecordedAsDurable() {
        core.call(() -> vhost.declareQueue("durable", false, true, false, false, null, connection));
        core.call(() -> vhost.declareQueue("exclusive", false, true, true, false, null, connection));
        declare("transient");

        core.call(() -> vhost.deleteQueue("durable", false, false, connection));
        core.call(() -> vhost.deleteQueue("exclusive", false, false, connection));

        assertThat(core.durable().changes()).containsExactly("+queue durable", "-queue durable");
    }

    @Test
    void deletingAMissingQueueAnswersZero() {
        assertThat(core.call(() -> vhost.deleteQueue("missing", true, true, connection))).isZero();
    }

    @Test
    void deleteAnswersTheReadyCount() {
        declare("q");
        core.call(() -> vhost.publish(message("", "q")));
        core.call(() -> vhost.publish(message("", "q")));

        assertThat(core.call(() -> vhost.deleteQueue("q", false, false, connection))).isEqualTo(2);
        assertRefused(() -> vhost.queue("q", connection), CoreException.Reason.NOT_FOUND, "no queue 'q' in vhost '/'");
    }

    @Test
    void deleteIfUnusedRefusesAQueueWithConsumers() {
        declare("q");
        core.run(() -> vhost.queue("q", connection).addConsumer(new IdleConsumer()));

        assertRefused(() -> vhost.deleteQueue("q", true, false, connection), CoreException.Reason.PRECONDITION_FAILED,
                "queue 'q' in vhost '/' in use");
    }

    @Test
    void deleteIfEmptyRefusesAQueueWithReadyMessages() {
        declare("q");
        core.call(() -> vhost.publish(message("", "q")));

        assertRefused(() -> vhost.deleteQueue("q", false, true, connection), CoreException.Reason.PRECONDITION_FAILED,
                "queue 'q' in vhost '/' not empty");
    }

    @Test
    void purgeAnswersHowManyWereReady() {
        declare("q");
        core.call(() -> vhost.publish(message("", "q")));

        assertThat(core.call(() -> vhost.purgeQueue("q", connection))).isEqualTo(1);
        assertThat(declare("q").messageCount()).isZero();
    }

    @Test
    void redeclareRestartsXExpires() {
        declareExpiring("q");

        for (int i = 0; i < 4; i++) {
            sleep(100);
            declareExpiring("q");
        }

        assertThat(core.call(() -> vhost.queues().size())).isEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> core.call(() -> vhost.queues().isEmpty()));
    }

    @Test
    void passiveDeclareRestartsXExpires() {
        declareExpiring("q");

        for (int i = 0; i < 4; i++) {
            sleep(100);
            core.call(() -> vhost.declareQueue("q", true, false, false, false, null, connection));
        }

        assertThat(core.call(() -> vhost.queues().size())).isEqualTo(1);
    }

    // ---- exchanges ---------------------------------------------------------------------------------------

    @Test
    void everyVirtualHostHasTheStandardExchanges() {
        assertThat(core.call(() -> vhost.exchanges().stream().map(Exchange::name).toList()))
                .containsExactlyInAnyOrder("", "amq.direct", "amq.fanout", "amq.topic", "amq.headers", "amq.match");
    }

    @Test
    void equivalentRedeclareOfAnExchangeIsTheSameExchange() {
        Exchange first = declareExchange("x", "direct", false);

        assertThat(declareExchange("x", "direct", false)).isSameAs(first);
        assertThat(declareExchange("amq.direct", "direct", true).name()).isEqualTo("amq.direct");
    }

    @Test
    void redeclareWithAnotherTypeIsInequivalent() {
        declareExchange("x", "direct", false);

        assertRefused(() -> vhost.declareExchange("x", "fanout", false, false, false, false, null),
                CoreException.Reason.PRECONDITION_FAILED,
                "inequivalent arg 'type' for exchange 'x' in vhost '/': received 'fanout' but current is 'direct'");
    }

    @Test
    void unknownExchangeTypeIsACommandError() {
        assertRefused(() -> vhost.declareExchange("x", "nonsense", false, false, false, false, null),
                CoreException.Reason.COMMAND_INVALID, null);
    }

    @Test
    void refusesNewExchangesWithTheReservedPrefixAndTheDefaultExchange() {
        assertRefused(() -> vhost.declareExchange("amq.custom", "direct", false, false, false, false, null),
                CoreException.Reason.ACCESS_REFUSED, "exchange name 'amq.custom' contains reserved prefix 'amq.*'");
        assertRefused(() -> vhost.declareExchange("", "direct", false, true, false, false, null),
                CoreException.Reason.ACCESS_REFUSED, "operation not permitted on the default exchange");
        assertRefused(() -> vhost.deleteExchange("", false),
                CoreException.Reason.ACCESS_REFUSED, "operation not permitted on the default exchange");
        assertRefused(() -> vhost.deleteExchange("amq.topic", false), CoreException.Reason.ACCESS_REFUSED,
                "deletion of system exchange 'amq.topic' in vhost '/' not allowed");
    }

    @Test
    void passiveDeclareOfAMissingExchangeIsNotFound() {
        assertRefused(() -> vhost.declareExchange("nx", "direct", true, false, false, false, null),
                CoreException.Reason.NOT_FOUND, "no exchange 'nx' in vhost '/'");
    }

    @Test
    void deletingAMissingExchangeSucceeds() {
        assertThatCode(() -> core.run(() -> vhost.deleteExchange("missing", true))).doesNotThrowAnyException();
    }

    @Test
    void deleteIfUnusedRefusesAnExchangeWithBindings() {
        declareExchange("x", "direct", false);
        declare("q");
        core.run(() -> vhost.bind(Destination.queue("q"), "x", "k", null));

        assertRefused(() -> vhost.deleteExchange("x", true), CoreException.Reason.PRECONDITION_FAILED,
                "exchange 'x' in vhost '/' in use");
    }

    @Test
    void autoDeleteExchangeGoesWithItsLastBinding() {
        core.call(() -> vhost.declareExchange("x", "direct", false, false, true, false, null));
        declare("q1");
        declare("q2");
        core.run(() -> vhost.bind(Destination.queue("q1"), "x", "k", null));
        core.run(() -> vhost.bind(Destination.queue("q2"), "x", "k", null));

        core.run(() -> vhost.unbind(Destination.queue("q1"), "x", "k", null));
        assertThat(exchangeExists("x")).isTrue();

        core.call(() -> vhost.deleteQueue("q2", false, false, connection));
        assertThat(exchangeExists("x")).isFalse();
    }

    @Test
    void autoDeleteExchangeThatNeverHadABindingStays() {
        core.call(() -> vhost.declareExchange("x", "fanout", false, false, true, false, null));
        declare("q");
        core.call(() -> vhost.deleteQueue("q", false, false, connection));

        assertThat(exchangeExists("x")).isTrue();
    }

    @Test
    void deletingAnExchangeRemovesTheBindingsToIt() {
        declareExchange("source", "fanout", false);
        declareExchange("middle", "fanout", false);
        declare("q");
        core.run(() -> vhost.bind(Destination.exchange("middle"), "source", "", null));
        core.run(() -> vhost.bind(Destination.queue("q"), "middle", "", null));

        core.run(() -> vhost.deleteExchange("middle", false));

        assertThat(core.call(() -> vhost.exchange("source").bindings().isEmpty())).isTrue();
        assertThat(core.call(() -> vhost.publish(message("source", "")).routedQueues())).isZero();
    }

    @Test
    void durableBindingsAreRecordedOnlyBetweenDurableEnds() {
        core.call(() -> vhost.declareExchange("dx", "direct", false, true, false, false, null));
        core.call(() -> vhost.declareQueue("dq", false, true, false, false, null, connection));
        declare("tq");

        core.run(() -> vhost.bind(Destination.queue("dq"), "dx", "k", null));
        core.run(() -> vhost.bind(Destination.queue("tq"), "dx", "k", null));
        core.run(() -> vhost.unbind(Destination.queue("dq"), "dx", "k", null));

        assertThat(core.durable().changes())
                .containsExactly("+exchange dx", "+queue dq", "+binding dx -> dq k", "-binding dx -> dq k");
    }

    // ---- bindings ----------------------------------------------------------------------------------------

    @Test
    void bindingNeedsBothEndsAndNotTheDefaultExchange() {
        declare("q");
        declareExchange("x", "direct", false);

        assertRefused(() -> vhost.bind(Destination.queue("q"), "", "q", null), CoreException.Reason.ACCESS_REFUSED,
                "operation not permitted on the default exchange");
        assertRefused(() -> vhost.bind(Destination.queue("q"), "nx", "k", null), CoreException.Reason.NOT_FOUND,
                "no exchange 'nx' in vhost '/'");
        assertRefused(() -> vhost.bind(Destination.queue("nq"), "x", "k", null), CoreException.Reason.NOT_FOUND,
                "no queue 'nq' in vhost '/'");
        assertRefused(() -> vhost.bind(Destination.exchange("nx"), "x", "k", null), CoreException.Reason.NOT_FOUND,
                "no exchange 'nx' in vhost '/'");
    }

    @Test
    void unbindingWhatWasNeverBoundSucceeds() {
        declare("q");
        declareExchange("x", "direct", false);

        assertThatCode(() -> core.run(() -> vhost.unbind(Destination.queue("q"), "x", "k", null)))
                .doesNotThrowAnyException();
    }

    @Test
    void clearDeletesEveryQueueAndExchange() {
        declare("q");
        IdleConsumer consumer = new IdleConsumer();
        core.run(() -> vhost.queue("q", connection).addConsumer(consumer));

        core.run(vhost::clear);

        assertThat(core.call(() -> vhost.queues().isEmpty() && vhost.exchanges().isEmpty())).isTrue();
        assertThat(consumer.cancelled).isTrue();
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private QueueDeclared declare(String name) {
        return core.call(() -> vhost.declareQueue(name, false, false, false, false, null, connection));
    }

    private void declareExpiring(String name) {
        core.call(() -> vhost.declareQueue(name, false, false, false, false, Map.of("x-expires", 250), connection));
    }

    private Exchange declareExchange(String name, String type, boolean durable) {
        return core.call(() -> vhost.declareExchange(name, type, false, durable, false, false, null));
    }

    private boolean exchangeExists(String name) {
        return core.call(() -> vhost.exchanges().stream().anyMatch(e -> e.name().equals(name)));
    }

    private void assertRefused(Runnable call, CoreException.Reason reason, String detail) {
        assertRefused(() -> {
            call.run();
            return null;
        }, reason, detail);
    }

    private void assertRefused(Callable<?> call, CoreException.Reason reason, String detail) {
        assertThatThrownBy(() -> core.call(call)).isInstanceOfSatisfying(CoreException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            if (detail != null) {
                assertThat(e.detail()).isEqualTo(detail);
            }
        });
    }

    private static Message message(String exchange, String routingKey) {
        return new Message(exchange, routingKey, MessageProperties.EMPTY, "m".getBytes(StandardCharsets.UTF_8));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A consumer that takes nothing; it only makes the queue "in use". */
    private static final class IdleConsumer implements QueueConsumer {

        volatile boolean cancelled;

        @Override
        public String tag() {
            return "idle";
        }

        @Override
        public boolean autoAck() {
            return false;
        }

        @Override
        public boolean hasCredit() {
            return false;
        }

        @Override
        public void deliver(MessageQueue queue, QueueEntry entry) {
            throw new AssertionError("an idle consumer has no credit");
        }

        @Override
        public void cancelledByBroker(MessageQueue queue) {
            cancelled = true;
        }
    }
}
