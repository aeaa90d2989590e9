package io.eventyard.simulator.home;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** How often a sensor reports: realistically (every 5 to 10 s, varying), or at a fixed period to drive load. */
public sealed interface Cadence {

    Duration MIN_REALISTIC = Duration.ofSeconds(5);
    Duration MAX_REALISTIC = Duration.ofSeconds(10);

    /** The wait before the next reading. */
    Duration nextDelay(RandomGenerator random);

    /** The wait before the first reading: random within one period, so sensors do not fire in step. */
    default Duration firstDelay(RandomGenerator random) {
        return Duration.ofNanos((long) (random.nextDouble() * nextDelay(random).toNanos()));
    }

    static Cadence realistic() {
        return new Realistic();
    }

    /**
     * The period that makes {@code sensors} sensors together send {@code readingsPerSecond}.
     *
     * @throws IllegalArgumentException if the rate is not positive
     */
    static Cadence forTotalRate(double readingsPerSecond, int sensors) {
        if (readingsPerSecond <= 0 || sensors <= 0) {
            throw new IllegalArgumentException("rate and sensor count must be positive");
        }
        return new Fixed(Duration.ofNanos((long) (sensors / readingsPerSecond * 1e9)));
    }

    record Realistic() implements Cadence {
        @Override
        public Duration nextDelay(RandomGenerator random) {
            long spread = MAX_REALISTIC.toMillis() - MIN_REALISTIC.toMillis();
            return MIN_REALISTIC.plusMillis(random.nextLong(spread + 1));
        }
    }

    record Fixed(Duration period) implements Cadence {
        @Override
        public Duration nextDelay(RandomGenerator random) {
            return period;
        }
    }
}
