package io.eventyard.bench.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SendScheduleTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void spacesOrdersEvenlyFromTheStart() {
        SendSchedule schedule = new SendSchedule(5_000, 4);

        assertThat(schedule.dueAt(0)).isEqualTo(5_000);
        assertThat(schedule.dueAt(1)).isEqualTo(5_000 + SECOND / 4);
        assertThat(schedule.dueAt(4)).isEqualTo(5_000 + SECOND);
    }

    @Test
    void neverDriftsWhenTheIntervalIsNotAWholeNumberOfNanoseconds() {
        SendSchedule schedule = new SendSchedule(0, 3);

        // A running sum of a rounded 333,333,333 ns would be 1 ns short a second, 3 ms short after an hour.
        assertThat(schedule.dueAt(3 * 3600)).isEqualTo(3600 * SECOND);
        assertThat(schedule.dueAt(1)).isEqualTo(333_333_333);
        assertThat(schedule.dueAt(2)).isEqualTo(666_666_667);
    }

    @Test
    void countsTheOrdersDueBeforeAnInstant() {
        SendSchedule schedule = new SendSchedule(1_000, 10);

        assertThat(schedule.dueBefore(0)).isZero();
        assertThat(schedule.dueBefore(1_000)).isZero();
        assertThat(schedule.dueBefore(1_001)).isEqualTo(1);
        assertThat(schedule.dueBefore(1_000 + SECOND)).isEqualTo(10);
        assertThat(schedule.dueBefore(1_000 + SECOND + 1)).isEqualTo(11);
    }

    @Test
    void countsExactlyWhereRoundingFallsOnTheBoundary() {
        SendSchedule schedule = new SendSchedule(0, 3);
        for (long index = 0; index < 1000; index++) {
            long due = schedule.dueAt(index);
            assertThat(schedule.dueBefore(due)).as("before order %d", index).isEqualTo(index);
            assertThat(schedule.dueBefore(due + 1)).as("just after order %d", index).isEqualTo(index + 1);
        }
    }

    @Test
    void aWindowOfTenSecondsAtTwelveAndAHalfASecondHoldsOneHundredTwentyFiveOrders() {
        SendSchedule schedule = new SendSchedule(0, 12.5);

        assertThat(schedule.dueBefore(15 * SECOND) - schedule.dueBefore(5 * SECOND)).isEqualTo(125);
    }

    @Test
    void needsAPositiveRate() {
        assertThatThrownBy(() -> new SendSchedule(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
