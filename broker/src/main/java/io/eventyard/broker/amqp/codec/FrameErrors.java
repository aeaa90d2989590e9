package io.eventyard.broker.amqp.codec;

import io.eventyard.broker.amqp.AmqpException;
import io.eventyard.broker.amqp.ReplyCode;
import io.netty.buffer.ByteBuf;

/**
 * The protocol errors of framing and command assembly, with the reply codes and texts of RabbitMQ 3.10
 * ({@code rabbit_reader}, {@code rabbit_command_assembler}), so that clients and people who search for an error
 * text find what they know. Payload snippets follow Erlang's printing of binaries: {@code <<"abc">>} when every
 * byte is printable ASCII, else {@code <<0,60,0,10>>} (Erlang's line breaks in long snippets are not reproduced).
 */
final class FrameErrors {

    private static final int SNIPPET_BYTES = 16;

    private FrameErrors() {
    }

    /** Spec 4.2.3: a frame may not exceed the negotiated frame-max. */
    static AmqpException frameTooLarge(int type, long payloadSize, int frameMax) {
        return connection(ReplyCode.FRAME_ERROR, "type " + type + ", all octets = <<>>: {frame_too_large,"
                + payloadSize + "," + (frameMax - FrameFormat.OVERHEAD) + "}");
    }

    /** Spec 4.2.3: every frame ends with octet 0xCE. */
    static AmqpException invalidFrameEnd(int type, ByteBuf payload, int marker) {
        return connection(ReplyCode.FRAME_ERROR,
                "type " + type + ", " + snippet(payload) + ": {invalid_frame_end_marker," + marker + "}");
    }

    /** Spec 4.2.3: a frame type outside 1, 2, 3, 8, or a payload too short for its type. */
    static AmqpException unknownFrame(int type, ByteBuf payload) {
        return connection(ReplyCode.FRAME_ERROR, "type " + type + ", " + snippet(payload) + ": unknown_frame");
    }

    /** A frame of a type the channel cannot take: content on channel 0, a heartbeat on another channel. */
    static AmqpException unexpectedFrame(int type, ByteBuf payload) {
        return connection(ReplyCode.UNEXPECTED_FRAME, "type " + type + ", " + snippet(payload));
    }

    /** Spec 4.2.4: the arguments do not match the method's field list. */
    static AmqpException cannotDecode(ByteBuf arguments, int classId, int methodId) {
        return AmqpException.connectionError(ReplyCode.FRAME_ERROR, "cannot decode " + allOctets(arguments),
                classId, methodId);
    }

    /**
     * A class-id/method-id pair the protocol does not define. RabbitMQ 3.10 drops the connection without a word
     * here (its reader crashes); a {@code connection.close} tells the client why.
     */
    static AmqpException unknownMethod(int classId, int methodId) {
        return AmqpException.connectionError(ReplyCode.NOT_IMPLEMENTED,
                "unknown method {" + classId + "," + methodId + "}", classId, methodId);
    }

    /** Spec 4.2.6: content frames only follow a method that carries content. */
    static AmqpException expectedMethod() {
        return connection(ReplyCode.UNEXPECTED_FRAME, "expected method frame, got non method frame instead");
    }

    /** Spec 4.2.6: a content-carrying method is followed by its content header, weight 0. */
    static AmqpException expectedHeader(Method method) {
        return AmqpException.connectionError(ReplyCode.UNEXPECTED_FRAME, "expected content header for class "
                + method.classId() + ", got non content header frame instead", method.classId(), method.methodId());
    }

    /** Spec 4.2.6.1: the content header's class-id is the class of its method. */
    static AmqpException headerForOtherClass(Method method, int headerClassId) {
        return AmqpException.connectionError(ReplyCode.UNEXPECTED_FRAME, "expected content header for class "
                + method.classId() + ", got one for class " + headerClassId + " instead",
                method.classId(), method.methodId());
    }

    /** Spec 4.2.6: body frames follow until body-size bytes have arrived. */
    static AmqpException expectedBody(Method method) {
        return AmqpException.connectionError(ReplyCode.UNEXPECTED_FRAME,
                "expected content body, got non content body frame instead", method.classId(), method.methodId());
    }

    /**
     * Spec 4.2.6.2: the body frames add up to body-size. RabbitMQ 3.10 waits forever on an overrun; later
     * versions answer with this error, as here.
     */
    static AmqpException bodyExceedsRemaining(Method method) {
        return AmqpException.connectionError(ReplyCode.FRAME_ERROR,
                "content body frame exceeds remaining content size", method.classId(), method.methodId());
    }

    /**
     * The broker's configured message size limit, a channel error as in RabbitMQ's {@code rabbit_channel}, which
     * says "max size" rather than "configured max size" when the limit is its ceiling.
     */
    static AmqpException messageTooLarge(long bodySize, int maxMessageSize, Method method) {
        String limit = maxMessageSize == AmqpFrameDecoder.MAX_MESSAGE_SIZE_CEILING ? "max size" : "configured max size";
        return AmqpException.channelError(ReplyCode.PRECONDITION_FAILED, "message size "
                + Long.toUnsignedString(bodySize) + " is larger than " + limit + " " + maxMessageSize,
                method.classId(), method.methodId());
    }

    /** Puts the failing method's ids on an error found inside its arguments or content header. */
    static AmqpException withMethod(AmqpException e, int classId, int methodId) {
        return new AmqpException(e.replyCode(), e.replyText(), classId, methodId, e.closesConnection());
    }

    private static AmqpException connection(int code, String detail) {
        return AmqpException.connectionError(code, detail, 0, 0);
    }

    private static String snippet(ByteBuf payload) {
        int length = payload.readableBytes();
        if (length <= SNIPPET_BYTES) {
            return "all octets = " + erlangBinary(payload, length, true);
        }
        return "first 16 octets = " + erlangBinary(payload, SNIPPET_BYTES, true);
    }

    /**
     * As Erlang's {@code ~w}: always numbers. Only the first 128 bytes are formatted: they make at least 255
     * characters, and the reply text is cut there anyway.
     */
    private static String allOctets(ByteBuf bytes) {
        int length = bytes.readableBytes();
        return length <= 128 ? erlangBinary(bytes, length, false) : erlangBinary(bytes, 128, false) + ",...";
    }

    private static String erlangBinary(ByteBuf bytes, int length, boolean asTextWhenPrintable) {
        int start = bytes.readerIndex();
        if (length == 0) {
            return "<<>>";
        }
        StringBuilder text = new StringBuilder(length * 4 + 4).append("<<");
        if (asTextWhenPrintable && isPrintable(bytes, start, length)) {
            text.append('"');
            for (int i = 0; i < length; i++) {
                char c = (char) bytes.getByte(start + i);
                if (c == '"' || c == '\\') {
                    text.append('\\');
                }
                text.append(c);
            }
            return text.append("\">>").toString();
        }
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(bytes.getUnsignedByte(start + i));
        }
        return text.append(">>").toString();
    }

    private static boolean isPrintable(ByteBuf bytes, int start, int length) {
        for (int i = 0; i < length; i++) {
            int b = bytes.getUnsignedByte(start + i);
            if (b < 0x20 || b > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
