package io.eventyard.broker.amqp.codec;

import io.eventyard.broker.amqp.AmqpException;

import java.util.Objects;

/**
 * Input the frame decoder could not accept, passed on as a message: the handler answers it on the wire and decides
 * about closing. After a failure that closes the connection the decoder discards all further input; after a
 * channel error (a message over the size limit) it skips that message's body frames and goes on decoding.
 *
 * @param channel the channel whose frame failed; the channel a channel error must close
 */
public record FrameDecodingFailure(AmqpException cause, int channel) {

    public FrameDecodingFailure {
        Objects.requireNonNull(cause, "cause");
    }

    /** A failure not tied to a channel (reported on channel 0). */
    public FrameDecodingFailure(AmqpException cause) {
        this(cause, 0);
    }
}
