package io.eventyard.broker.amqp.codec;

import io.eventyard.broker.core.message.MessageProperties;
import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/**
 * A content-carrying method on one channel whose content header or body frames are still to come (spec 4.2.6).
 * Owned by the frame decoder, hence by the channel's event loop.
 */
final class PendingContent {

    /** Larger bodies grow their buffer as bytes arrive, so an announced size alone reserves no memory. */
    private static final int PREALLOCATE_LIMIT = 1 << 20;

    final Method method;
    private MessageProperties properties;
    private boolean headerSeen;
    private boolean discarding;
    /** Body bytes still to come; unsigned when discarding a body larger than any long. */
    private long remaining;
    private byte[] body;
    private int received;

    PendingContent(Method method) {
        this.method = method;
    }

    boolean awaitingHeader() {
        return !headerSeen;
    }

    boolean discarding() {
        return discarding;
    }

    MessageProperties properties() {
        return properties;
    }

    /** The header arrived; {@code bodySize} is non-zero and within the configured limit. */
    void expectBody(MessageProperties properties, int bodySize) {
        this.headerSeen = true;
        this.properties = properties;
        this.remaining = bodySize;
        this.body = new byte[Math.min(bodySize, PREALLOCATE_LIMIT)];
    }

    /** The header announced a body over the limit: its frames are to be counted and dropped. */
    void discardBody(long bodySize) {
        this.headerSeen = true;
        this.discarding = true;
        this.remaining = bodySize;
    }

    /** Whether a body frame of this many bytes would overrun the announced body-size. */
    boolean wouldOverrun(int fragmentSize) {
        return Long.compareUnsigned(fragmentSize, remaining) > 0;
    }

    /** Takes the readable bytes of a body frame; true once the whole body has arrived. */
    boolean append(ByteBuf fragment) {
        int length = fragment.readableBytes();
        if (!discarding) {
            if (received + length > body.length) {
                long needed = (long) received + remaining;
                body = Arrays.copyOf(body, (int) Math.min(needed, Math.max(received + length, 2L * body.length)));
            }
            fragment.getBytes(fragment.readerIndex(), body, received, length);
            received += length;
        }
        remaining -= length;
        return remaining == 0;
    }

    byte[] body() {
        return body;
    }
}
