package io.eventyard.broker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.eventyard.broker.core.queue.QueueArguments;

/** Re-declare checks with RabbitMQ 3.10.8's texts (each checked against it with the same declarations). */
class ArgumentEquivalenceTest {

    private static final String RESOURCE = "queue 'q' in vhost '/'";
    private static final List<String> KEYS = QueueArguments.EQUIVALENCE_KEYS;

    @Test
    void differentValueNamesBothValues() {
        assertInequivalent(Map.of("x-message-ttl", 2000), Map.of("x-message-ttl", 1000),
                "inequivalent arg 'x-message-ttl' for queue 'q' in vhost '/': received '2000' but current is '1000'");
    }

    @Test
    void missingValueNamesTheTypeOfTheCurrentOne() {
        assertInequivalent(Map.of(), Map.of("x-message-ttl", 1000),
                "inequivalent arg 'x-message-ttl' for queue 'q' in vhost '/': received none but current is the value "
                        + "'1000' of type 'signedint'");
    }

    @Test
    void newValueNamesItsTypeWhenTheQueueHasNone() {
        assertInequivalent(Map.of("x-expires", 1000), Map.of(),
                "inequivalent arg 'x-expires' for queue 'q' in vhost '/': received the value '1000' of type "
                        + "'signedint' but current is none");
    }

    @Test
    void textValueIsShownWithoutQuotesOfItsOwn() {
        assertInequivalent(Map.of("x-overflow", "reject-publish"), Map.of(),
                "inequivalent arg 'x-overflow' for queue 'q' in vhost '/': received the value 'reject-publish' of "
                        + "type 'longstr' but current is none");
    }

    @Test
    void integersOfDifferentWidthsAreEquivalent() {
        assertThatCode(() -> ArgumentEquivalence.requireArguments(Map.of("x-message-ttl", 1000L),
                Map.of("x-message-ttl", 1000), KEYS, RESOURCE)).doesNotThrowAnyException();
        assertThatCode(() -> ArgumentEquivalence.requireArguments(Map.of("x-max-length", (short) 5),
                Map.of("x-max-length", (byte) 5), KEYS, RESOURCE)).doesNotThrowAnyException();
    }

    @Test
    void sameDigitsAsTextAreNotEquivalentToANumber() {
        assertInequivalent(Map.of("x-message-ttl", "1000"), Map.of("x-message-ttl", 1000),
                "inequivalent arg 'x-message-ttl' for queue 'q' in vhost '/': received '1000' but current is '1000'");
    }

    @Test
    void argumentsOutsideTheComparedKeysMayDiffer() {
        assertThatCode(() -> ArgumentEquivalence.requireArguments(Map.of("x-custom", "a", "x-message-ttl", 1000),
                Map.of("x-custom", "b", "x-message-ttl", 1000), KEYS, RESOURCE)).doesNotThrowAnyException();
    }

    @Test
    void absentOnBothSidesIsEquivalent() {
        assertThatCode(() -> ArgumentEquivalence.requireArguments(null, Map.of(), KEYS, RESOURCE))
                .doesNotThrowAnyException();
    }

    @Test
    void fieldMismatchNamesBothValues() {
        assertThatThrownBy(() -> ArgumentEquivalence.requireField("durable", true, false, RESOURCE))
                .isInstanceOfSatisfying(CoreException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CoreException.Reason.PRECONDITION_FAILED);
                    assertThat(e.detail()).isEqualTo("inequivalent arg 'durable' for queue 'q' in vhost '/': "
                            + "received 'true' but current is 'false'");
                });
    }

    @Test
    void equalFieldsPass() {
        assertThatCode(() -> ArgumentEquivalence.requireField("type", "direct", "direct",
                "exchange 'x' in vhost '/'")).doesNotThrowAnyException();
    }

    private static void assertInequivalent(Map<String, Object> received, Map<String, Object> current, String detail) {
        assertThatThrownBy(() -> ArgumentEquivalence.requireArguments(received, current, KEYS, RESOURCE))
                .isInstanceOfSatisfying(CoreException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CoreException.Reason.PRECONDITION_FAILED);
                    assertThat(e.detail()).isEqualTo(detail);
                });
    }
}
