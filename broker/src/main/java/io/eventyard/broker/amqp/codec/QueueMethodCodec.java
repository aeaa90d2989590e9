package io.eventyard.broker.amqp.codec;

import io.netty.buffer.ByteBuf;

import java.util.Map;

/**
 * Reads and writes the arguments of the {@code queue} methods: fields in spec order (spec 4.2.4), consecutive
 * bits packed into octets, low bit first (spec 4.2.5.2). A truncated argument list surfaces as the
 * {@link IndexOutOfBoundsException} of the buffer, which {@link MethodCodec} turns into the protocol error.
 */
final class QueueMethodCodec {

    private static final QueueMethod.BindOk BIND_OK = new QueueMethod.BindOk();
    private static final QueueMethod.UnbindOk UNBIND_OK = new QueueMethod.UnbindOk();

    private QueueMethodCodec() {
    }

    /** The method, or {@code null} when the class has no method with that id. */
    static QueueMethod decode(int methodId, ByteBuf in) {
        switch (methodId) {
            case QueueMethod.Declare.METHOD_ID: {
                in.skipBytes(2); // reserved: ticket
                String queue = PrimitiveCodec.readShortstr(in);
                int bits = in.readUnsignedByte();
                Map<String, Object> arguments = FieldTableCodec.readTable(in);
                return new QueueMethod.Declare(queue, (bits & 1) != 0,
                        (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0, (bits & 16) != 0, arguments);
            }
            case QueueMethod.DeclareOk.METHOD_ID: {
                String queue = PrimitiveCodec.readShortstr(in);
                int messageCount = in.readInt();
                int consumerCount = in.readInt();
                return new QueueMethod.DeclareOk(queue, messageCount, consumerCount);
            }
            case QueueMethod.Bind.METHOD_ID: {
                in.skipBytes(2); // reserved: ticket
                String queue = PrimitiveCodec.readShortstr(in);
                String exchange = PrimitiveCodec.readShortstr(in);
                String routingKey = PrimitiveCodec.readShortstr(in);
                int bits = in.readUnsignedByte();
                Map<String, Object> arguments = FieldTableCodec.readTable(in);
                return new QueueMethod.Bind(queue, exchange, routingKey, (bits & 1) != 0, arguments);
            }
            case QueueMethod.BindOk.METHOD_ID:
                return BIND_OK;
            case QueueMethod.Purge.METHOD_ID: {
                in.skipBytes(2); // reserved: ticket
                String queue = PrimitiveCodec.readShortstr(in);
                int bits = in.readUnsignedByte();
                return new QueueMethod.Purge(queue, (bits & 1) != 0);
            }
            case QueueMethod.PurgeOk.METHOD_ID: {
                int messageCount = in.readInt();
                return new QueueMethod.PurgeOk(messageCount);
            }
            case QueueMethod.Delete.METHOD_ID: {
                in.skipBytes(2); // reserved: ticket
                String queue = PrimitiveCodec.readShortstr(in);
                int bits = in.readUnsignedByte();
                return new QueueMethod.Delete(queue, (bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0);
            }
            case QueueMethod.DeleteOk.METHOD_ID: {
                int messageCount = in.readInt();
                return new QueueMethod.DeleteOk(messageCount);
            }
            case QueueMethod.Unbind.METHOD_ID: {
                in.skipBytes(2); // reserved: ticket
                String queue = PrimitiveCodec.readShortstr(in);
                String exchange = PrimitiveCodec.readShortstr(in);
                String routingKey = PrimitiveCodec.readShortstr(in);
                Map<String, Object> arguments = FieldTableCodec.readTable(in);
                return new QueueMethod.Unbind(queue, exchange, routingKey, arguments);
            }
            case QueueMethod.UnbindOk.METHOD_ID:
                return UNBIND_OK;
            default:
                return null;
        }
    }

    static void encode(QueueMethod method, ByteBuf out) {
        switch (method.methodId()) {
            case QueueMethod.Declare.METHOD_ID: {
                QueueMethod.Declare m = (QueueMethod.Declare) method;
                out.writeShort(0); // reserved: ticket
                PrimitiveCodec.writeShortstr(out, m.queue());
                out.writeByte((m.passive() ? 1 : 0)
                        | (m.durable() ? 2 : 0)
                        | (m.exclusive() ? 4 : 0)
                        | (m.autoDelete() ? 8 : 0)
                        | (m.noWait() ? 16 : 0));
                FieldTableCodec.writeTable(out, m.arguments());
                return;
            }
            case QueueMethod.DeclareOk.METHOD_ID: {
                QueueMethod.DeclareOk m = (QueueMethod.DeclareOk) method;
                PrimitiveCodec.writeShortstr(out, m.queue());
                out.writeInt(m.messageCount());
                out.writeInt(m.consumerCount());
                return;
            }
            case QueueMethod.Bind.METHOD_ID: {
                QueueMethod.Bind m = (QueueMethod.Bind) method;
                out.writeShort(0); // reserved: ticket
                PrimitiveCodec.writeShortstr(out, m.queue());
                PrimitiveCodec.writeShortstr(out, m.exchange());
                PrimitiveCodec.writeShortstr(out, m.routingKey());
                out.writeByte(m.noWait() ? 1 : 0);
                FieldTableCodec.writeTable(out, m.arguments());
                return;
            }
            case QueueMethod.BindOk.METHOD_ID:
                return;
            case QueueMethod.Purge.METHOD_ID: {
                QueueMethod.Purge m = (QueueMethod.Purge) method;
                out.writeShort(0); // reserved: ticket
                PrimitiveCodec.writeShortstr(out, m.queue());
                out.writeByte(m.noWait() ? 1 : 0);
                return;
            }
            case QueueMethod.PurgeOk.METHOD_ID: {
                QueueMethod.PurgeOk m = (QueueMethod.PurgeOk) method;
                out.writeInt(m.messageCount());
                return;
            }
            case QueueMethod.Delete.METHOD_ID: {
                QueueMethod.Delete m = (QueueMethod.Delete) method;
                out.writeShort(0); // reserved: ticket
                PrimitiveCodec.writeShortstr(out, m.queue());
                out.writeByte((m.ifUnused() ? 1 : 0) | (m.ifEmpty() ? 2 : 0) | (m.noWait() ? 4 : 0));
                return;
            }
            case QueueMethod.DeleteOk.METHOD_ID: {
                QueueMethod.DeleteOk m = (QueueMethod.DeleteOk) method;
                out.writeInt(m.messageCount());
                return;
            }
            case QueueMethod.Unbind.METHOD_ID: {
                QueueMethod.Unbind m = (QueueMethod.Unbind) method;
                out.writeShort(0); // reserved: ticket
                PrimitiveCodec.writeShortstr(out, m.queue());
                PrimitiveCodec.writeShortstr(out, m.exchange());
                PrimitiveCodec.writeShortstr(out, m.routingKey());
                FieldTableCodec.writeTable(out, m.arguments());
                return;
            }
            case QueueMethod.UnbindOk.METHOD_ID:
                return;
            default:
                throw new IllegalArgumentException("no queue method with id " + method.methodId());
        }
    }
}
