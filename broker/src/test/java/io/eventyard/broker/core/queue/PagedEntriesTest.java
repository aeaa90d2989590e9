package io.eventyard.broker.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PagedEntriesTest {

    @Test
    void givesEntriesBackInTheOrderTheyCameAcrossManyChunks() {
        PagedEntries paged = new PagedEntries();
        int count = 10_000; // more than two chunks of 4096
        for (int i = 0; i < count; i++) {
            paged.add(i * 100L, 1_000L + i, i % 7, i % 3 == 0);
        }
        assertThat(paged.size()).isEqualTo(count);

        for (int i = 0; i < count; i++) {
            PagedEntries.Paged next = paged.poll();
            assertThat(next).isEqualTo(new PagedEntries.Paged(i * 100L, 1_000L + i, i % 7, i % 3 == 0));
        }
        assertThat(paged.isEmpty()).isTrue();
        assertThat(paged.poll()).isNull();
        assertThat(paged.bytes()).isZero();
    }

    @Test
    void countsTheBodyBytesItHolds() {
        PagedEntries paged = new PagedEntries();
        paged.add(1, Long.MAX_VALUE, 1024, false);
        paged.add(2, Long.MAX_VALUE, 2048, false);

        assertThat(paged.bytes()).isEqualTo(3072);
        paged.poll();
        assertThat(paged.bytes()).isEqualTo(2048);
    }

    @Test
    void visitsTheRemainingPositionsFrontToBackAndClears() {
        PagedEntries paged = new PagedEntries();
        for (long position = 1; position <= 5_000; position++) {
            paged.add(position, Long.MAX_VALUE, 1, false);
        }
        paged.poll();
        paged.poll();

        List<Long> positions = new ArrayList<>();
        paged.forEachPosition(positions::add);
        assertThat(positions).hasSize(4_998).startsWith(3L, 4L).endsWith(5_000L);

        paged.clear();
        assertThat(paged.isEmpty()).isTrue();
        assertThat(paged.size()).isZero();
    }

    @Test
    void acceptsNewEntriesAfterItRanDry() {
        PagedEntries paged = new PagedEntries();
        paged.add(1, 0, 1, false);
        paged.poll();
        paged.add(2, 0, 1, true);

        assertThat(paged.poll().position()).isEqualTo(2);
    }
}
