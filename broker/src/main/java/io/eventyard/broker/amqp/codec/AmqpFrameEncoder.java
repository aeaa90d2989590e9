package io.eventyard.broker.amqp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

import java.util.List;

/**
 * Writes {@link AmqpCommand}s as frames (spec 4.2.3): the method frame, then for content a header frame and the
 * body in frames of at most frame-max minus 8 payload bytes (spec 4.2.6.2); also {@link Heartbeat}s and the
 * {@link ProtocolHeader} a server sends back when it refuses a version. Other messages pass through untouched.
 *
 * <p>Large body chunks are wrapped, not copied, into the output. A value that cannot be encoded (a shortstr over
 * 255 bytes, a table value outside the field value model) fails the write with an {@link IllegalArgumentException}
 * as cause, and nothing of that command is written.
 *
 * <p>Not sharable: one per connection, owned by its event loop, which must also call {@link #setFrameMax}.
 */
public final class AmqpFrameEncoder extends MessageToMessageEncoder<Object> {

    /** Body chunks up to this size are copied next to their frame prefix; larger ones are wrapped. */
    private static final int COPY_BODY_BELOW = 4096;

    private static final byte[] HEARTBEAT_FRAME = {FrameFormat.TYPE_HEARTBEAT, 0, 0, 0, 0, 0, 0,
            (byte) FrameFormat.FRAME_END};

    private int frameMax;

    /** Before tuning: no frame limit (the server's handshake methods are small). */
    public AmqpFrameEncoder() {
        this(0);
    }

    /** @param frameMax largest frame to write, 0 for no limit */
    public AmqpFrameEncoder(int frameMax) {
        super(Object.class);
        setFrameMax(frameMax);
    }

    /** The frame-max agreed in {@code connection.tune-ok}; 0 for no limit. */
    public void setFrameMax(int frameMax) {
        if (frameMax != 0 && frameMax <= FrameFormat.OVERHEAD) {
            throw new IllegalArgumentException("frameMax too small to carry a body: " + frameMax);
        }
        this.frameMax = frameMax;
    }

    public int frameMax() {
        return frameMax;
    }

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof AmqpCommand || msg instanceof Heartbeat || msg instanceof ProtocolHeader;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
        if (msg instanceof AmqpCommand command) {
            encodeCommand(ctx, command, out);
        } else if (msg instanceof Heartbeat) {
            out.add(Unpooled.wrappedBuffer(HEARTBEAT_FRAME));
        } else {
            out.add(Unpooled.wrappedBuffer(((ProtocolHeader) msg).bytes()));
        }
    }

    private void encodeCommand(ChannelHandlerContext ctx, AmqpCommand command, List<Object> out) {
        byte[] body = command.body();
        int copiedBody = body == null || body.length >= COPY_BODY_BELOW ? 0 : body.length;
        ByteBuf buf = ctx.alloc().buffer(256 + copiedBody);
        try {
            writeMethodFrame(buf, command);
        } catch (RuntimeException e) {
            buf.release(); // nothing of a command that cannot be encoded goes out
            throw e;
        }
        if (body != null) {
            buf = writeBodyFrames(ctx, buf, command.channel(), body, out);
        }
        out.add(buf);
    }

    private static void writeMethodFrame(ByteBuf buf, AmqpCommand command) {
        int channel = command.channel();
        int sizeIndex = startFrame(buf, FrameFormat.TYPE_METHOD, channel);
        MethodCodec.encode(command.method(), buf);
        endFrame(buf, sizeIndex);
        if (command.hasContent()) {
            sizeIndex = startFrame(buf, FrameFormat.TYPE_HEADER, channel);
            new ContentHeader(command.method().classId(), 0, command.body().length, command.properties()).write(buf);
            endFrame(buf, sizeIndex);
        }
    }

    /** Spec 4.2.6.2: an empty body has no body frame. Returns the buffer to write next. */
    private ByteBuf writeBodyFrames(ChannelHandlerContext ctx, ByteBuf buf, int channel, byte[] body,
                                    List<Object> out) {
        int maxPayload = frameMax == 0 ? Integer.MAX_VALUE - FrameFormat.OVERHEAD : frameMax - FrameFormat.OVERHEAD;
        int offset = 0;
        while (offset < body.length) {
            int length = Math.min(maxPayload, body.length - offset);
            buf.writeByte(FrameFormat.TYPE_BODY);
            buf.writeShort(channel);
            buf.writeInt(length);
            if (length < COPY_BODY_BELOW) {
                buf.writeBytes(body, offset, length);
            } else {
                out.add(buf);
                out.add(Unpooled.wrappedBuffer(body, offset, length));
                buf = ctx.alloc().buffer(FrameFormat.OVERHEAD * 2);
            }
            buf.writeByte(FrameFormat.FRAME_END);
            offset += length;
        }
        return buf;
    }

    private static int startFrame(ByteBuf buf, int type, int channel) {
        buf.writeByte(type);
        buf.writeShort(channel);
        int sizeIndex = buf.writerIndex();
        buf.writeInt(0);
        return sizeIndex;
    }

    private static void endFrame(ByteBuf buf, int sizeIndex) {
        buf.setInt(sizeIndex, buf.writerIndex() - sizeIndex - 4);
        buf.writeByte(FrameFormat.FRAME_END);
    }
}
