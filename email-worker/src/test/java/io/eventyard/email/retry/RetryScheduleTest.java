package io.eventyard.email.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void attemptsOnTurnsWhoseSuccessorIsAPowerOfTwo() {
        RetrySchedule schedule = new RetrySchedule(5);
        List<Long> attemptTurns = new ArrayList<>();
        for (long c = 0; c <= 15; c++) {
            if (schedule.attemptAt(c).isPresent()) {
                attemptTurns.add(c);
            }
        }
        assertThat(attemptTurns).containsExactly(0L, 1L, 3L, 7L, 15L);
    }

    @Test
    void numbersTheAttemptsFromOne() {
        RetrySchedule schedule = new RetrySchedule(5);
        assertThat(schedule.attemptAt(0)).hasValue(1);
        assertThat(schedule.attemptAt(1)).hasValue(2);
        assertThat(schedule.attemptAt(3)).hasValue(3);
        assertThat(schedule.attemptAt(7)).hasValue(4);
        assertThat(schedule.attemptAt(15)).hasValue(5);
        assertThat(schedule.attemptAt(2)).isEqualTo(OptionalInt.empty());
        assertThat(schedule.attemptAt(14)).isEqualTo(OptionalInt.empty());
    }

    @Test
    void waitsDoubleBetweenAttempts() {
        List<Long> waits = new ArrayList<>();
        for (int n = 2; n <= 5; n++) {
            waits.add(RetrySchedule.cyclesBefore(n) - RetrySchedule.cyclesBefore(n - 1));
        }
        assertThat(waits).containsExactly(1L, 2L, 4L, 8L);
    }

    @Test
    void theLastAttemptIsTheConfiguredOne() {
        RetrySchedule schedule = new RetrySchedule(3);
        assertThat(schedule.isLast(2)).isFalse();
        assertThat(schedule.isLast(3)).isTrue();
    }

    @Test
    void aMessagePastItsLastTurnIsAttemptedAtOnceAsTheLast() {
        // e.g. max-attempts lowered from 5 to 3 while a message waited at turn 5
        RetrySchedule schedule = new RetrySchedule(3);
        assertThat(schedule.attemptAt(5)).hasValue(3);
        assertThat(schedule.isLast(schedule.attemptAt(5).getAsInt())).isTrue();
    }

    @Test
    void oneAttemptMeansNoRetry() {
        RetrySchedule schedule = new RetrySchedule(1);
        assertThat(schedule.attemptAt(0)).hasValue(1);
        assertThat(schedule.isLast(1)).isTrue();
    }

    @Test
    void rejectsANonPositiveLimit() {
        assertThatThrownBy(() -> new RetrySchedule(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
