package io.eventyard.payment.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ProviderRetriesTest {

    private final ProviderRetries retries = new ProviderRetries(new PaymentProviderConfiguration(3, Duration.ofMillis(1)));

    /** Fails transiently {@code failures} times, then answers "ok". */
    private static Supplier<String> failingFirst(int failures, AtomicInteger calls) {
        return () -> {
            if (calls.incrementAndGet() <= failures) {
                throw new ProviderUnavailableException("down");
            }
            return "ok";
        };
    }

    @Test
    void answersAtOnceWhenTheFirstAttemptSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        assertThat(retries.call("test", failingFirst(0, calls))).isEqualTo(new ProviderRetries.Answered<>("ok", 1));
        assertThat(calls).hasValue(1);
    }

    @Test
    void retriesTransientFailuresUpToTheLastAllowedAttempt() {
        AtomicInteger calls = new AtomicInteger();
        assertThat(retries.call("test", failingFirst(2, calls))).isEqualTo(new ProviderRetries.Answered<>("ok", 3));
        assertThat(calls).hasValue(3);
    }

    @Test
    void givesUpAfterMaxAttemptsAndSaysHowManyItMade() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retries.call("test", failingFirst(3, calls)))
                .isInstanceOfSatisfying(ProviderGaveUpException.class, e -> assertThat(e.attempts()).isEqualTo(3));
        assertThat(calls).hasValue(3);
    }

    @Test
    void doesNotRetryOtherExceptions() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retries.call("test", () -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("bad request");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(calls).hasValue(1);
    }
}
