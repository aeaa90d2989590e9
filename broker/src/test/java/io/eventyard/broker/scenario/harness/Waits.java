package io.eventyard.broker.scenario.harness;

import java.time.Duration;

/** The bounds of every wait in the scenarios. Generous, because they bound waiting for events, never speed. */
public final class Waits {

    /** How long a scenario waits for something the broker must do (a delivery, a close, an expiry). */
    public static final Duration DEFAULT = Duration.ofSeconds(10);

    /** How often a condition that has no event of its own (a queue expired, say) is checked. */
    public static final Duration POLL = Duration.ofMillis(25);

    private Waits() {
    }
}
