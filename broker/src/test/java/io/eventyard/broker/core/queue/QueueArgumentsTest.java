package io.eventyard.broker.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.eventyard.broker.core.CoreException;

/** Declare-time validation with the texts RabbitMQ 3.10.8 answers (each one checked against it). */
class QueueArgumentsTest {

    private static final String RESOURCE = "queue 'q' in vhost '/'";

    @Test
    void noArgumentsMeanNoLimits() {
        assertThat(QueueArguments.parse(null, RESOURCE)).isEqualTo(QueueArguments.NONE);
        assertThat(QueueArguments.parse(Map.of(), RESOURCE)).isEqualTo(QueueArguments.NONE);
        assertThat(QueueArguments.NONE.hasLengthLimit()).isFalse();
        assertThat(QueueArguments.NONE.overflow()).isEqualTo(Overflow.DROP_HEAD);
    }

    @Test
    void readsEveryArgumentOfAnyIntegerWidth() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("x-message-ttl", (short) 1000);
        args.put("x-expires", 60_000L);
        args.put("x-max-length", (byte) 10);
        args.put("x-max-length-bytes", 4096);
        args.put("x-overflow", "reject-publish-dlx");
        args.put("x-dead-letter-exchange", "dlx");
        args.put("x-dead-letter-routing-key", "dead");
        args.put("x-single-active-consumer", true);

        QueueArguments parsed = QueueArguments.parse(args, RESOURCE);

        assertThat(parsed).isEqualTo(new QueueArguments(1000, 60_000, 10, 4096, Overflow.REJECT_PUBLISH_DLX, "dlx",
                "dead", true));
        assertThat(parsed.hasLengthLimit()).isTrue();
    }

    @Test
    void zeroMessageTtlAndZeroLengthAreAllowed() {
        QueueArguments parsed = QueueArguments.parse(Map.of("x-message-ttl", 0, "x-max-length", 0), RESOURCE);

        assertThat(parsed.messageTtlMillis()).isZero();
        assertThat(parsed.maxLength()).isZero();
    }

    @Test
    void refusesZeroExpires() {
        assertInvalid(Map.of("x-expires", 0), "invalid arg 'x-expires' for queue 'q' in vhost '/': {value_zero,0}");
    }

    @Test
    void refusesNegativeNumbers() {
        assertInvalid(Map.of("x-expires", -5), "invalid arg 'x-expires' for queue 'q' in vhost '/': {value_negative,-5}");
        assertInvalid(Map.of("x-message-ttl", -1),
                "invalid arg 'x-message-ttl' for queue 'q' in vhost '/': {value_negative,-1}");
        assertInvalid(Map.of("x-max-length", -1),
                "invalid arg 'x-max-length' for queue 'q' in vhost '/': {value_negative,-1}");
    }

    @Test
    void refusesAnUnknownOverflow() {
        assertInvalid(Map.of("x-overflow", "drop-tail"),
                "invalid arg 'x-overflow' for queue 'q' in vhost '/': invalid_overflow");
    }

    @Test
    void refusesAnOverflowThatIsNotText() {
        assertInvalid(Map.of("x-overflow", 1),
                "invalid arg 'x-overflow' for queue 'q' in vhost '/': {unacceptable_type,signedint}");
    }

    @Test
    void refusesADeadLetterRoutingKeyWithoutAnExchange() {
        assertInvalid(Map.of("x-dead-letter-routing-key", "k"),
                "invalid arg 'x-dead-letter-routing-key' for queue 'q' in vhost '/': routing_key_but_no_dlx_defined");
    }

    @Test
    void refusesADeadLetterRoutingKeyThatIsNotText() {
        assertInvalid(Map.of("x-dead-letter-exchange", "x", "x-dead-letter-routing-key", 5),
                "invalid arg 'x-dead-letter-routing-key' for queue 'q' in vhost '/': {unacceptable_type,signedint}");
    }

    @Test
    void refusesASingleActiveConsumerFlagThatIsNotABoolean() {
        assertInvalid(Map.of("x-single-active-consumer", "true"),
                "invalid arg 'x-single-active-consumer' for queue 'q' in vhost '/': {unacceptable_type,longstr}");
        assertInvalid(Map.of("x-single-active-consumer", 1),
                "invalid arg 'x-single-active-consumer' for queue 'q' in vhost '/': {unacceptable_type,signedint}");
    }

    @Test
    void refusesANumberArgumentThatIsNotAnInteger() {
        assertInvalid(Map.of("x-message-ttl", "1000"),
                "invalid arg 'x-message-ttl' for queue 'q' in vhost '/': \"expected integer, got longstr\"");
        assertInvalid(Map.of("x-expires", "1000"),
                "invalid arg 'x-expires' for queue 'q' in vhost '/': \"expected integer, got longstr\"");
        assertInvalid(Map.of("x-max-length", true),
                "invalid arg 'x-max-length' for queue 'q' in vhost '/': \"expected integer, got bool\"");
        assertInvalid(Map.of("x-max-length-bytes", 1.5),
                "invalid arg 'x-max-length-bytes' for queue 'q' in vhost '/': \"expected integer, got double\"");
    }

    @Test
    void refusesADeadLetterExchangeThatIsNotText() {
        assertInvalid(Map.of("x-dead-letter-exchange", 5),
                "invalid type 'signedint' for arg 'x-dead-letter-exchange' in queue 'q' in vhost '/'");
        assertInvalid(Map.of("x-dead-letter-exchange", true),
                "invalid type 'bool' for arg 'x-dead-letter-exchange' in queue 'q' in vhost '/'");
    }

    @Test
    void namesXExpiresFirstWhenBothItAndTheTtlAreInvalid() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("x-message-ttl", -1);
        args.put("x-expires", 0);

        assertInvalid(args, "invalid arg 'x-expires' for queue 'q' in vhost '/': {value_zero,0}");
    }

    private static void assertInvalid(Map<String, Object> args, String detail) {
        assertThatThrownBy(() -> QueueArguments.parse(args, RESOURCE))
                .isInstanceOfSatisfying(CoreException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CoreException.Reason.PRECONDITION_FAILED);
                    assertThat(e.detail()).isEqualTo(detail);
                });
    }
}
