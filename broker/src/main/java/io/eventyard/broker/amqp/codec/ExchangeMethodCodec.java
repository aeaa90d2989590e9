package io.eventyard.broker.amqp.codec;

import io.netty.buffer.ByteBuf;

import java.util.Map;

/**
 * Reads and writes the arguments of the {@code exchange} methods: fields in spec order (spec 4.2.4), consecutive
 * bits packed into octets, low bit first (spec 4.2.5.2). A truncated argument list surfaces as the
 * {@link IndexOutOfBoundsException} of the buffer, which {@link MethodCodec} turns into the protocol error.
 */
final class ExchangeMethodCodec {

    private static final ExchangeMethod.DeclareOk DECLARE_OK = new ExchangeMethod.DeclareOk();
    private static final ExchangeMethod.DeleteOk DELETE_OK = new ExchangeMethod.DeleteOk();
    private static final ExchangeMethod.BindOk BIND_OK = new ExchangeMethod.BindOk();
    private static final ExchangeMethod.UnbindOk UNBIND_OK = new ExchangeMethod.UnbindOk();

    private ExchangeMethodCodec() {
    }

    /** The method, or {@code null} when the class has no method with that id. */
    static ExchangeMethod decode(int methodId, ByteBuf in) {
        switch (methodId) {
            case ExchangeMethod.Declare.METHOD_ID: {
                in.skipBytes(2); // reserved: ticket
                String exchange = PrimitiveCodec.readShortstr(in);
                String type = PrimitiveCodec.readShortstr(in);
                int bits = in.readUnsignedByte();
                Map<String, Object> arguments = FieldTableCodec.readTable(in);
                return new ExchangeMethod.Declare(exchange, type, (bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0,
                        (bits & 8) != 0, (bits & 16) != 0, arguments);
            }
            case ExchangeMethod.DeclareOk.METHOD_ID:
                return DECLARE_OK;
            case ExchangeMethod.Delete.METHOD_ID: {
                in.skipBytes(2); // reserved: ticket
                String exchange = PrimitiveCodec.readShortstr(in);
                int bits = in.readUnsignedByte();
                return new ExchangeMethod.Delete(exchange, (bits & 1) != 0, (bits & 2) != 0);
            }
            case ExchangeMethod.DeleteOk.METHOD_ID:
                return DELETE_OK;
            case ExchangeMethod.Bind.METHOD_ID: {
                in.skipBytes(2); // reserved: ticket
                String destination = PrimitiveCodec.readShortstr(in);
                String source = PrimitiveCodec.readShortstr(in);
                String routingKey = PrimitiveCodec.readShortstr(in);
                int bits = in.readUnsignedByte();
                Map<String, Object> arguments = FieldTableCodec.readTable(in);
                return new ExchangeMethod.Bind(destination, source, routingKey, (bits & 1) != 0, arguments);
            }
            case ExchangeMethod.BindOk.METHOD_ID:
                return BIND_OK;
            case ExchangeMethod.Unbind.METHOD_ID: {
                in.skipBytes(2); // reserved: ticket
                String destination = PrimitiveCodec.readShortstr(in);
                String source = PrimitiveCodec.readShortstr(in);
                String routingKey = PrimitiveCodec.readShortstr(in);
                int bits = in.readUnsignedByte();
                Map<String, Object> arguments = FieldTableCodec.readTable(in);
                return new ExchangeMethod.Unbind(destination, source, routingKey, (bits & 1) != 0, arguments);
            }
            case ExchangeMethod.UnbindOk.METHOD_ID:
                return UNBIND_OK;
            default:
                return null;
        }
    }

    static void encode(ExchangeMethod method, ByteBuf out) {
        switch (method.methodId()) {
            case ExchangeMethod.Declare.METHOD_ID: {
                ExchangeMethod.Declare m = (ExchangeMethod.Declare) method;
                out.writeShort(0); // reserved: ticket
                PrimitiveCodec.writeShortstr(out, m.exchange());
                PrimitiveCodec.writeShortstr(out, m.type());
                out.writeByte((m.passive() ? 1 : 0)
                        | (m.durable() ? 2 : 0)
                        | (m.autoDelete() ? 4 : 0)
                        | (m.internal() ? 8 : 0)
                        | (m.noWait() ? 16 : 0));
                FieldTableCodec.writeTable(out, m.arguments());
                return;
            }
            case ExchangeMethod.DeclareOk.METHOD_ID:
                return;
            case ExchangeMethod.Delete.METHOD_ID: {
                ExchangeMethod.Delete m = (ExchangeMethod.Delete) method;
                out.writeShort(0); // reserved: ticket
                PrimitiveCodec.writeShortstr(out, m.exchange());
                out.writeByte((m.ifUnused() ? 1 : 0) | (m.noWait() ? 2 : 0));
                return;
            }
            case ExchangeMethod.DeleteOk.METHOD_ID:
                return;
            case ExchangeMethod.Bind.METHOD_ID: {
                ExchangeMethod.Bind m = (ExchangeMethod.Bind) method;
                out.writeShort(0); // reserved: ticket
                PrimitiveCodec.writeShortstr(out, m.destination());
                PrimitiveCodec.writeShortstr(out, m.source());
                PrimitiveCodec.writeShortstr(out, m.routingKey());
                out.writeByte(m.noWait() ? 1 : 0);
                FieldTableCodec.writeTable(out, m.arguments());
                return;
            }
            case ExchangeMethod.BindOk.METHOD_ID:
                return;
            case ExchangeMethod.Unbind.METHOD_ID: {
                ExchangeMethod.Unbind m = (ExchangeMethod.Unbind) method;
                out.writeShort(0); // reserved: ticket
                PrimitiveCodec.writeShortstr(out, m.destination());
                PrimitiveCodec.writeShortstr(out, m.source());
                PrimitiveCodec.writeShortstr(out, m.routingKey());
                out.writeByte(m.noWait() ? 1 : 0);
                FieldTableCodec.writeTable(out, m.arguments());
                return;
            }
            case ExchangeMethod.UnbindOk.METHOD_ID:
                return;
            default:
                throw new IllegalArgumentException("no exchange method with id " + method.methodId());
        }
    }
}
