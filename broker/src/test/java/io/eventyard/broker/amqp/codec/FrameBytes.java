package io.eventyard.broker.amqp.codec;

import io.eventyard.broker.core.message.MessageProperties;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** Raw frames for feeding a decoder, including ones no well-behaved peer would send. */
final class FrameBytes {

    static final int END = 0xCE;

    private FrameBytes() {
    }

    static ByteBuf frame(int type, int channel, byte[] payload) {
        return frame(type, channel, payload, END);
    }

    static ByteBuf frame(int type, int channel, byte[] payload, int end) {
        return Unpooled.buffer().writeByte(type).writeShort(channel).writeInt(payload.length).writeBytes(payload)
                .writeByte(end);
    }

    static ByteBuf methodFrame(int channel, Method method) {
        return frame(1, channel, methodPayload(method));
    }

    static byte[] methodPayload(Method method) {
        ByteBuf buf = Unpooled.buffer();
        MethodCodec.encode(method, buf);
        return ByteBufUtil.getBytes(buf);
    }

    static ByteBuf headerFrame(int channel, long bodySize, MessageProperties properties) {
        ByteBuf buf = Unpooled.buffer();
        new ContentHeader(60, 0, bodySize, properties).write(buf);
        return frame(2, channel, ByteBufUtil.getBytes(buf));
    }

    static ByteBuf bodyFrame(int channel, byte[] body) {
        return frame(3, channel, body);
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
