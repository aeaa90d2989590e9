package io.eventyard.bench.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ShipmentTrackerTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ShipmentTracker tracker = new ShipmentTracker();

    @Test
    void timesAnOrderFromWhenItWasDueToItsShipment() {
        tracker.placed("o-1", 1_000 * MS, true);
        assertThat(tracker.awaitingShipment()).isEqualTo(1);

        tracker.shipped("o-1", 1_250 * MS);

        Histogram latency = tracker.placedToShipped().measuredSoFar();
        assertThat(latency.getTotalCount()).isEqualTo(1);
        assertThat(latency.getMaxValue()).isBetween(249_000L, 251_000L);
        assertThat(tracker.awaitingShipment()).isZero();
        assertThat(tracker.shipped()).isEqualTo(1);
    }

    @Test
    void pairsAShipmentThatOvertookTheHttpAnswer() {
        tracker.shipped("o-2", 1_400 * MS);
        assertThat(tracker.shippedButNeverSeenPlaced()).isEqualTo(1);

        tracker.placed("o-2", 1_000 * MS, true);

        assertThat(tracker.placedToShipped().measuredSoFar().getMaxValue()).isBetween(399_000L, 401_000L);
        assertThat(tracker.awaitingShipment()).isZero();
        assertThat(tracker.shippedButNeverSeenPlaced()).isZero();
        assertThat(tracker.shipped()).isEqualTo(1);
    }

    @Test
    void countsASecondEventForOneOrderWithoutTimingItAgain() {
        tracker.placed("o-3", 0, true);
        tracker.shipped("o-3", 100 * MS);
        tracker.shipped("o-3", 900 * MS);

        assertThat(tracker.duplicates()).isEqualTo(1);
        assertThat(tracker.shipped()).isEqualTo(1);
        assertThat(tracker.placedToShipped().measuredSoFar().getTotalCount()).isEqualTo(1);
    }

    @Test
    void warmUpOrdersShowInProgressButNotInTheResult() {
        tracker.placed("warm", 0, false);
        tracker.placed("measured", 0, true);
        tracker.shipped("warm", 50 * MS);
        tracker.shipped("measured", 60 * MS);

        assertThat(tracker.placedToShipped().takeProgressInterval().getTotalCount()).isEqualTo(2);
        assertThat(tracker.placedToShipped().measuredSoFar().getTotalCount()).isEqualTo(1);
        assertThat(tracker.shipped()).isEqualTo(2);
    }

    @Test
    void ordersWithoutAShipmentStayAwaited() {
        tracker.placed("a", 0, true);
        tracker.placed("b", 0, true);
        tracker.shipped("a", MS);

        assertThat(tracker.awaitingShipment()).isEqualTo(1);
    }

    @Test
    void theResultKeepsEverySampleAcrossCalls() {
        tracker.placed("a", 0, true);
        tracker.shipped("a", MS);
        assertThat(tracker.placedToShipped().measuredSoFar().getTotalCount()).isEqualTo(1);
        tracker.placed("b", 0, true);
        tracker.shipped("b", MS);

        assertThat(tracker.placedToShipped().measuredSoFar().getTotalCount()).isEqualTo(2);
    }
}
