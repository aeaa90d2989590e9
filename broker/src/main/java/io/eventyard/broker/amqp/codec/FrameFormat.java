package io.eventyard.broker.amqp.codec;

/**
 * The general frame format (spec 4.2.3):
 *
 * <pre>
 * type octet | channel short | size long | payload: size octets | frame-end octet 0xCE
 * </pre>
 */
final class FrameFormat {

    static final int TYPE_METHOD = 1;
    static final int TYPE_HEADER = 2;
    static final int TYPE_BODY = 3;
    static final int TYPE_HEARTBEAT = 8;

    /** Type, channel and size: what precedes the payload. */
    static final int PREFIX_SIZE = 7;
    static final int FRAME_END = 0xCE;
    /** Prefix and frame-end: a frame of frame-max bytes carries frame-max minus this in payload. */
    static final int OVERHEAD = PREFIX_SIZE + 1;

    /** Class-id and method-id (spec 4.2.4). */
    static final int METHOD_IDS_SIZE = 4;
    /** Class-id, weight, body-size and the first property flags word (spec 4.2.6.1). */
    static final int MIN_CONTENT_HEADER_SIZE = 14;

    private FrameFormat() {
    }
}
