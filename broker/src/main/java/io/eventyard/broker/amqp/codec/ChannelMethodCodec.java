package io.eventyard.broker.amqp.codec;

import io.netty.buffer.ByteBuf;

/**
 * Reads and writes the arguments of the {@code channel} methods: fields in spec order (spec 4.2.4), consecutive
 * bits packed into octets, low bit first (spec 4.2.5.2). A truncated argument list surfaces as the
 * {@link IndexOutOfBoundsException} of the buffer, which {@link MethodCodec} turns into the protocol error.
 */
final class ChannelMethodCodec {

    private static final ChannelMethod.CloseOk CLOSE_OK = new ChannelMethod.CloseOk();

    private ChannelMethodCodec() {
    }

    /** The method, or {@code null} when the class has no method with that id. */
    static ChannelMethod decode(int methodId, ByteBuf in) {
        switch (methodId) {
            case ChannelMethod.Open.METHOD_ID: {
                PrimitiveCodec.skipShortstr(in); // reserved
                return new ChannelMethod.Open();
            }
            case ChannelMethod.OpenOk.METHOD_ID: {
                PrimitiveCodec.skipLongstr(in); // reserved
                return new ChannelMethod.OpenOk();
            }
            case ChannelMethod.Flow.METHOD_ID: {
                int bits = in.readUnsignedByte();
                return new ChannelMethod.Flow((bits & 1) != 0);
            }
            case ChannelMethod.FlowOk.METHOD_ID: {
                int bits = in.readUnsignedByte();
                return new ChannelMethod.FlowOk((bits & 1) != 0);
            }
            case ChannelMethod.Close.METHOD_ID: {
                int replyCode = in.readUnsignedShort();
                String replyText = PrimitiveCodec.readShortstr(in);
                int failingClassId = in.readUnsignedShort();
                int failingMethodId = in.readUnsignedShort();
                return new ChannelMethod.Close(replyCode, replyText, failingClassId, failingMethodId);
            }
            case ChannelMethod.CloseOk.METHOD_ID:
                return CLOSE_OK;
            default:
                return null;
        }
    }

    static void encode(ChannelMethod method, ByteBuf out) {
        switch (method.methodId()) {
            case ChannelMethod.Open.METHOD_ID: {
                out.writeByte(0); // reserved: empty shortstr
                return;
            }
            case ChannelMethod.OpenOk.METHOD_ID: {
                out.writeInt(0); // reserved: empty longstr
                return;
            }
            case ChannelMethod.Flow.METHOD_ID: {
                ChannelMethod.Flow m = (ChannelMethod.Flow) method;
                out.writeByte(m.active() ? 1 : 0);
                return;
            }
            case ChannelMethod.FlowOk.METHOD_ID: {
                ChannelMethod.FlowOk m = (ChannelMethod.FlowOk) method;
                out.writeByte(m.active() ? 1 : 0);
                return;
            }
            case ChannelMethod.Close.METHOD_ID: {
                ChannelMethod.Close m = (ChannelMethod.Close) method;
                out.writeShort(m.replyCode());
                PrimitiveCodec.writeShortstr(out, m.replyText());
                out.writeShort(m.failingClassId());
                out.writeShort(m.failingMethodId());
                return;
            }
            case ChannelMethod.CloseOk.METHOD_ID:
                return;
            default:
                throw new IllegalArgumentException("no channel method with id " + method.methodId());
        }
    }
}
