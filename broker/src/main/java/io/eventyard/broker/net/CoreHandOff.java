package io.eventyard.broker.net;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.ChannelHandlerContext;

/**
 * Hands one connection's decoded frames or packets from its event loop to the core thread, and stops reading
 * the socket while the core is behind on them: past {@value #HIGH_WATER} tasks or 16 MiB of bodies waiting,
 * reading pauses until they are down to a quarter. Counted in items and in bytes, so that many small publishes
 * and a few large ones both pause it. The same for AMQP and MQTT.
 */
public final class CoreHandOff {

    /** Items handed to the core but not yet handled, past which the socket stops being read. */
    private static final int HIGH_WATER = 512;
    private static final int LOW_WATER = 128;
    private static final long HIGH_WATER_BYTES = 16L * 1024 * 1024;

    private final Executor core;
    private final Runnable readingChanged;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong inFlightBytes = new AtomicLong();
    private volatile boolean paused;

    /**
     * @param core           the core thread's executor
     * @param readingChanged run on the event loop when {@link #paused()} changes, to set the channel's auto-read
     */
    public CoreHandOff(Executor core, Runnable readingChanged) {
        this.core = core;
        this.readingChanged = readingChanged;
    }

    /** Whether reading is paused because the core is behind. */
    public boolean paused() {
        return paused;
    }

    /** Runs {@code task}, which stands for {@code items} frames of {@code bytes} body bytes, on the core thread. */
    public void submit(ChannelHandlerContext ctx, int items, long bytes, Runnable task) {
        long pendingBytes = inFlightBytes.addAndGet(bytes);
        if ((inFlight.addAndGet(items) >= HIGH_WATER || pendingBytes >= HIGH_WATER_BYTES) && !paused) {
            paused = true;
            readingChanged.run();
        }
        core.execute(() -> {
            try {
                task.run();
            } finally {
                long left = inFlightBytes.addAndGet(-bytes);
                if (inFlight.addAndGet(-items) <= LOW_WATER && left <= HIGH_WATER_BYTES / 4 && paused
                        && !ctx.executor().isShuttingDown()) {
                    ctx.executor().execute(this::resume);
                }
            }
        });
    }

    private void resume() {
        if (paused && inFlight.get() <= LOW_WATER && inFlightBytes.get() <= HIGH_WATER_BYTES / 4) {
            paused = false;
            readingChanged.run();
        }
    }
}
