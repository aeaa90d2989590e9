package io.eventyard.email.retry;

import java.util.OptionalInt;

/**
 * When to try SMTP again. The retry queue has one fixed TTL, so a message cannot simply wait longer
 * each time; instead it goes round the email.send → email.retry → email.send loop, and only some
 * turns are attempts: with {@code c} expiry cycles so far (from {@code x-death}), an attempt is made
 * when {@code c + 1} is a power of two. Attempt {@code n} therefore comes after {@code 2^(n-1) - 1}
 * cycles, and the waits between attempts are 1, 2, 4, 8, ... TTLs. The other turns are rejected again
 * at once without touching SMTP.
 *
 * <pre>
 * cycles c    0  1  2  3  4  5  6  7 ... 15
 * attempt     1  2  -  3  -  -  -  4 ...  5
 * </pre>
 */
public final class RetrySchedule {

    private final int maxAttempts;

    public RetrySchedule(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * The attempt (1-based) that turn {@code expiredCycles} carries, or empty when this turn only waits.
     * A message that is past its last attempt's turn (the limit was lowered while it waited) is
     * attempted at once, as the last attempt, rather than left circling.
     */
    public OptionalInt attemptAt(long expiredCycles) {
        if (expiredCycles < 0) {
            throw new IllegalArgumentException("expiredCycles must not be negative, was " + expiredCycles);
        }
        if (expiredCycles >= cyclesBefore(maxAttempts)) {
            return OptionalInt.of(maxAttempts);
        }
        long turn = expiredCycles + 1;
        if (Long.bitCount(turn) != 1) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Long.numberOfTrailingZeros(turn) + 1);
    }

    public boolean isLast(int attempt) {
        return attempt >= maxAttempts;
    }

    /** Expiry cycles a message waits before attempt {@code attempt}: 0, 1, 3, 7, 15, ... */
    public static long cyclesBefore(int attempt) {
        return (1L << Math.min(attempt - 1, 62)) - 1;
    }
}
