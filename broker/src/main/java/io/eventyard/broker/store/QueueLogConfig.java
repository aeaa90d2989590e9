package io.eventyard.broker.store;

/**
 * Settings of a {@link QueueLog}.
 *
 * @param segmentSize the size at which a segment file is closed to appends and the next one begins; a record
 *                    never spans two segments, so one larger than this gets a segment of its own. Small segments
 *                    are reclaimed sooner; large ones cost fewer files.
 */
public record QueueLogConfig(long segmentSize) {

    public static final long DEFAULT_SEGMENT_SIZE = 32L * 1024 * 1024;
    /** Offsets in the ack file are 32-bit, and every record starts before the segment size. */
    public static final long MAX_SEGMENT_SIZE = 1L << 30;
    public static final long MIN_SEGMENT_SIZE = 64;
    public static final QueueLogConfig DEFAULT = new QueueLogConfig(DEFAULT_SEGMENT_SIZE);

    public QueueLogConfig {
        if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) {
            throw new IllegalArgumentException("segment size " + segmentSize + " is not between " + MIN_SEGMENT_SIZE
                    + " and " + MAX_SEGMENT_SIZE);
        }
    }
}
