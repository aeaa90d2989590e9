package io.eventyard.broker.amqp.codec;

import io.netty.buffer.ByteBuf;

/**
 * Reads and writes the arguments of the {@code confirm} methods: fields in spec order (spec 4.2.4), consecutive
 * bits packed into octets, low bit first (spec 4.2.5.2). A truncated argument list surfaces as the
 * {@link IndexOutOfBoundsException} of the buffer, which {@link MethodCodec} turns into the protocol error.
 */
final class ConfirmMethodCodec {

    private static final ConfirmMethod.SelectOk SELECT_OK = new ConfirmMethod.SelectOk();

    private ConfirmMethodCodec() {
    }

    /** The method, or {@code null} when the class has no method with that id. */
    static ConfirmMethod decode(int methodId, ByteBuf in) {
        switch (methodId) {
            case ConfirmMethod.Select.METHOD_ID: {
                int bits = in.readUnsignedByte();
                return new ConfirmMethod.Select((bits & 1) != 0);
            }
            case ConfirmMethod.SelectOk.METHOD_ID:
                return SELECT_OK;
            default:
                return null;
        }
    }

    static void encode(ConfirmMethod method, ByteBuf out) {
        switch (method.methodId()) {
            case ConfirmMethod.Select.METHOD_ID: {
                ConfirmMethod.Select m = (ConfirmMethod.Select) method;
                out.writeByte(m.noWait() ? 1 : 0);
                return;
            }
            case ConfirmMethod.SelectOk.METHOD_ID:
                return;
            default:
                throw new IllegalArgumentException("no confirm method with id " + method.methodId());
        }
    }
}
