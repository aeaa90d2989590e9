package io.eventyard.broker.amqp.codec;

import io.eventyard.broker.amqp.AmqpException;
import io.eventyard.broker.amqp.ReplyCode;
import io.eventyard.broker.core.message.MessageProperties;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;

import java.util.List;

/**
 * Turns the bytes of one AMQP 0-9-1 connection into messages: first a {@link ProtocolHeader}, then
 * {@link AmqpCommand}s (a method joined with its content header and body frames, per channel, as the RabbitMQ
 * Java client's {@code CommandAssembler} does), {@link Heartbeat}s, and {@link FrameDecodingFailure}s for input it
 * cannot accept, with the reply code and text RabbitMQ 3.10 uses. Closing is left to the handler.
 *
 * <p>An unsupported protocol header is passed on, then everything after it is discarded; so is everything after a
 * failure that closes the connection. A content header announcing a body over {@code maxMessageSize} yields a
 * channel error and that body's frames are skipped; decoding goes on.
 *
 * <p>Not sharable: one per connection, owned by its event loop, which must also call {@link #setFrameMax}.
 */
public final class AmqpFrameDecoder extends ByteToMessageDecoder {

    /** RabbitMQ's ceiling for its {@code max_message_size} setting: 512 MiB. */
    public static final int MAX_MESSAGE_SIZE_CEILING = 512 * 1024 * 1024;

    private static final byte[] EMPTY_BODY = new byte[0];

    private enum State { PROTOCOL_HEADER, FRAMES, DISCARDING }

    private final int maxMessageSize;
    private final IntObjectMap<PendingContent> pendingContent = new IntObjectHashMap<>();
    private int frameMax;
    private State state = State.PROTOCOL_HEADER;

    /**
     * @param frameMax       largest frame accepted, 0 for no limit; until tuning RabbitMQ takes 4096 (the spec's
     *                       frame-min-size), which keeps an unauthenticated peer from sending huge frames
     * @param maxMessageSize largest body accepted, at most {@link #MAX_MESSAGE_SIZE_CEILING}
     */
    public AmqpFrameDecoder(int frameMax, int maxMessageSize) {
        if (frameMax < 0 || maxMessageSize < 0 || maxMessageSize > MAX_MESSAGE_SIZE_CEILING) {
            throw new IllegalArgumentException("frameMax must be >= 0 and maxMessageSize within 0.."
                    + MAX_MESSAGE_SIZE_CEILING + ": frameMax " + frameMax + ", maxMessageSize " + maxMessageSize);
        }
        this.frameMax = frameMax;
        this.maxMessageSize = maxMessageSize;
    }

    /** The frame-max agreed in {@code connection.tune-ok}; 0 for no limit. */
    public void setFrameMax(int frameMax) {
        if (frameMax < 0) {
            throw new IllegalArgumentException("negative frameMax " + frameMax);
        }
        this.frameMax = frameMax;
    }

    public int frameMax() {
        return frameMax;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (state == State.PROTOCOL_HEADER) {
            if (in.readableBytes() < ProtocolHeader.LENGTH) {
                return;
            }
            byte[] bytes = new byte[ProtocolHeader.LENGTH];
            in.readBytes(bytes);
            ProtocolHeader header = ProtocolHeader.received(bytes);
            out.add(header);
            state = header.supported() ? State.FRAMES : State.DISCARDING;
        }
        while (state == State.FRAMES && in.readableBytes() >= FrameFormat.PREFIX_SIZE) {
            if (!decodeFrame(in, out)) {
                break;
            }
        }
        if (state == State.DISCARDING) {
            in.skipBytes(in.readableBytes());
        }
    }

    /** Decodes the frame at the reader index; false when it has not fully arrived. */
    private boolean decodeFrame(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int type = in.getUnsignedByte(start);
        int channel = in.getUnsignedShort(start + 1);
        long size = in.getUnsignedInt(start + 3);
        // Spec 4.2.3: no frame beyond frame-max. Like RabbitMQ we allow frame-max of payload, not frame-max - 8:
        // clients commonly get the 8 bytes of overhead wrong. The check comes before waiting for the payload.
        if ((frameMax != 0 && size > frameMax) || size > Integer.MAX_VALUE - FrameFormat.OVERHEAD) {
            fail(FrameErrors.frameTooLarge(type, size, frameMax == 0 ? Integer.MAX_VALUE : frameMax), channel, out);
            return false;
        }
        int payloadSize = (int) size;
        if (in.readableBytes() < payloadSize + FrameFormat.OVERHEAD) {
            return false;
        }
        ByteBuf payload = in.slice(start + FrameFormat.PREFIX_SIZE, payloadSize);
        int frameEnd = in.getUnsignedByte(start + FrameFormat.PREFIX_SIZE + payloadSize);
        if (frameEnd != FrameFormat.FRAME_END) {
            fail(FrameErrors.invalidFrameEnd(type, payload, frameEnd), channel, out);
            return false;
        }
        in.readerIndex(start + FrameFormat.OVERHEAD + payloadSize);
        try {
            decodePayload(type, channel, payload, out);
        } catch (AmqpException e) {
            fail(e, channel, out);
            return false;
        }
        return true;
    }

    private void decodePayload(int type, int channel, ByteBuf payload, List<Object> out) {
        if (!isWellFormed(type, payload)) {
            throw FrameErrors.unknownFrame(type, payload);
        }
        if (channel == 0) {
            switch (type) {
                case FrameFormat.TYPE_HEARTBEAT:
                    out.add(Heartbeat.INSTANCE);
                    return;
                case FrameFormat.TYPE_METHOD:
                    // Connection methods have no content; any other method here is the handler's to refuse.
                    out.add(AmqpCommand.of(0, decodeMethod(payload, true)));
                    return;
                default:
                    throw FrameErrors.unexpectedFrame(type, payload);
            }
        }
        if (type == FrameFormat.TYPE_HEARTBEAT) {
            throw FrameErrors.unexpectedFrame(type, payload); // spec 4.2.7: heartbeats go on channel 0
        }
        assemble(type, channel, payload, out);
    }

    /** Spec 4.2.3 frame types, each with at least the fixed part of its payload; RabbitMQ's "unknown_frame". */
    private static boolean isWellFormed(int type, ByteBuf payload) {
        switch (type) {
            case FrameFormat.TYPE_METHOD:
                return payload.readableBytes() >= FrameFormat.METHOD_IDS_SIZE;
            case FrameFormat.TYPE_HEADER:
                return payload.readableBytes() >= FrameFormat.MIN_CONTENT_HEADER_SIZE;
            case FrameFormat.TYPE_BODY:
                return true;
            case FrameFormat.TYPE_HEARTBEAT:
                return !payload.isReadable();
            default:
                return false;
        }
    }

    /** Spec 4.2.6: method, content header, then body frames up to body-size, each channel on its own. */
    private void assemble(int type, int channel, ByteBuf payload, List<Object> out) {
        PendingContent pending = pendingContent.get(channel);
        if (pending == null) {
            if (type != FrameFormat.TYPE_METHOD) {
                throw FrameErrors.expectedMethod();
            }
            Method method = decodeMethod(payload, false);
            if (method.carriesContent()) {
                pendingContent.put(channel, new PendingContent(method));
            } else {
                out.add(AmqpCommand.of(channel, method));
            }
        } else if (pending.awaitingHeader()) {
            acceptContentHeader(type, channel, payload, pending, out);
        } else {
            acceptBody(type, channel, payload, pending, out);
        }
    }

    private void acceptContentHeader(int type, int channel, ByteBuf payload, PendingContent pending,
                                     List<Object> out) {
        Method method = pending.method;
        if (type != FrameFormat.TYPE_HEADER || payload.getUnsignedShort(payload.readerIndex() + 2) != 0) {
            throw FrameErrors.expectedHeader(method); // spec 4.2.6.1: weight must be 0
        }
        int classId = payload.readUnsignedShort();
        payload.skipBytes(2);
        if (classId != method.classId()) {
            throw FrameErrors.headerForOtherClass(method, classId);
        }
        long bodySize = payload.readLong();
        if (bodySize < 0 || bodySize > maxMessageSize) {
            out.add(new FrameDecodingFailure(FrameErrors.messageTooLarge(bodySize, maxMessageSize, method), channel));
            pending.discardBody(bodySize);
            return;
        }
        MessageProperties properties;
        try {
            properties = ContentHeader.readProperties(payload);
        } catch (AmqpException e) {
            throw FrameErrors.withMethod(e, method.classId(), method.methodId());
        }
        if (bodySize == 0) {
            pendingContent.remove(channel);
            out.add(new AmqpCommand(channel, method, properties, EMPTY_BODY));
        } else {
            pending.expectBody(properties, (int) bodySize);
        }
    }

    private void acceptBody(int type, int channel, ByteBuf payload, PendingContent pending, List<Object> out) {
        if (type != FrameFormat.TYPE_BODY) {
            throw FrameErrors.expectedBody(pending.method);
        }
        if (pending.wouldOverrun(payload.readableBytes())) {
            throw FrameErrors.bodyExceedsRemaining(pending.method);
        }
        if (pending.append(payload)) {
            pendingContent.remove(channel);
            if (!pending.discarding()) {
                out.add(new AmqpCommand(channel, pending.method, pending.properties(), pending.body()));
            }
        }
    }

    /**
     * @param onChannelZero RabbitMQ names the failing method in errors of connection methods only; on other channels
     *                      a malformed UTF-8 shortstr is reported without class and method
     */
    private static Method decodeMethod(ByteBuf payload, boolean onChannelZero) {
        int classId = payload.readUnsignedShort();
        int methodId = payload.readUnsignedShort();
        int argumentsStart = payload.readerIndex();
        Method method;
        try {
            method = MethodCodec.decode(classId, methodId, payload);
        } catch (IndexOutOfBoundsException e) {
            throw FrameErrors.cannotDecode(payload.readerIndex(argumentsStart), classId, methodId);
        } catch (AmqpException e) {
            if (e.replyCode() == ReplyCode.SYNTAX_ERROR) { // a malformed table: RabbitMQ cannot match the fields
                throw FrameErrors.cannotDecode(payload.readerIndex(argumentsStart), classId, methodId);
            }
            throw onChannelZero ? FrameErrors.withMethod(e, classId, methodId) : e;
        }
        if (method == null) {
            throw FrameErrors.unknownMethod(classId, methodId);
        }
        if (payload.isReadable()) { // spec 4.2.4: the arguments are exactly the method's fields
            throw FrameErrors.cannotDecode(payload.readerIndex(argumentsStart), classId, methodId);
        }
        return method;
    }

    private void fail(AmqpException cause, int channel, List<Object> out) {
        out.add(new FrameDecodingFailure(cause, channel));
        state = State.DISCARDING;
        pendingContent.clear();
    }
}
