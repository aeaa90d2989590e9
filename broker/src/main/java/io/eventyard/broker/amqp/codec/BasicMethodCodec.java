package io.eventyard.broker.amqp.codec;

import io.netty.buffer.ByteBuf;

import java.util.Map;

/**
 * Reads and writes the arguments of the {@code basic} methods: fields in spec order (spec 4.2.4), consecutive
 * bits packed into octets, low bit first (spec 4.2.5.2). A truncated argument list surfaces as the
 * {@link IndexOutOfBoundsException} of the buffer, which {@link MethodCodec} turns into the protocol error.
 */
final class BasicMethodCodec {

    private static final BasicMethod.QosOk QOS_OK = new BasicMethod.QosOk();
    private static final BasicMethod.RecoverOk RECOVER_OK = new BasicMethod.RecoverOk();

    private BasicMethodCodec() {
    }

    /** The method, or {@code null} when the class has no method with that id. */
    static BasicMethod decode(int methodId, ByteBuf in) {
        switch (methodId) {
            case BasicMethod.Qos.METHOD_ID: {
                int prefetchSize = in.readInt();
                int prefetchCount = in.readUnsignedShort();
                int bits = in.readUnsignedByte();
                return new BasicMethod.Qos(prefetchSize, prefetchCount, (bits & 1) != 0);
            }
            case BasicMethod.QosOk.METHOD_ID:
                return QOS_OK;
            case BasicMethod.Consume.METHOD_ID: {
                in.skipBytes(2); // reserved: ticket
                String queue = PrimitiveCodec.readShortstr(in);
                String consumerTag = PrimitiveCodec.readShortstr(in);
                int bits = in.readUnsignedByte();
                Map<String, Object> arguments = FieldTableCodec.readTable(in);
                return new BasicMethod.Consume(queue, consumerTag,
                        (bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0, arguments);
            }
            case BasicMethod.ConsumeOk.METHOD_ID: {
                String consumerTag = PrimitiveCodec.readShortstr(in);
                return new BasicMethod.ConsumeOk(consumerTag);
            }
            case BasicMethod.Cancel.METHOD_ID: {
                String consumerTag = PrimitiveCodec.readShortstr(in);
                int bits = in.readUnsignedByte();
                return new BasicMethod.Cancel(consumerTag, (bits & 1) != 0);
            }
            case BasicMethod.CancelOk.METHOD_ID: {
                String consumerTag = PrimitiveCodec.readShortstr(in);
                return new BasicMethod.CancelOk(consumerTag);
            }
            case BasicMethod.Publish.METHOD_ID: {
                in.skipBytes(2); // reserved: ticket
                String exchange = PrimitiveCodec.readShortstrLenient(in);
                String routingKey = PrimitiveCodec.readShortstrLenient(in);
                int bits = in.readUnsignedByte();
                return new BasicMethod.Publish(exchange, routingKey, (bits & 1) != 0, (bits & 2) != 0);
            }
            case BasicMethod.Return.METHOD_ID: {
                int replyCode = in.readUnsignedShort();
                String replyText = PrimitiveCodec.readShortstrLenient(in);
                String exchange = PrimitiveCodec.readShortstrLenient(in);
                String routingKey = PrimitiveCodec.readShortstrLenient(in);
                return new BasicMethod.Return(replyCode, replyText, exchange, routingKey);
            }
            case BasicMethod.Deliver.METHOD_ID: {
                String consumerTag = PrimitiveCodec.readShortstrLenient(in);
                long deliveryTag = in.readLong();
                int bits = in.readUnsignedByte();
                String exchange = PrimitiveCodec.readShortstrLenient(in);
                String routingKey = PrimitiveCodec.readShortstrLenient(in);
                return new BasicMethod.Deliver(consumerTag, deliveryTag, (bits & 1) != 0, exchange, routingKey);
            }
            case BasicMethod.Get.METHOD_ID: {
                in.skipBytes(2); // reserved: ticket
                String queue = PrimitiveCodec.readShortstr(in);
                int bits = in.readUnsignedByte();
                return new BasicMethod.Get(queue, (bits & 1) != 0);
            }
            case BasicMethod.GetOk.METHOD_ID: {
                long deliveryTag = in.readLong();
                int bits = in.readUnsignedByte();
                String exchange = PrimitiveCodec.readShortstrLenient(in);
                String routingKey = PrimitiveCodec.readShortstrLenient(in);
                int messageCount = in.readInt();
                return new BasicMethod.GetOk(deliveryTag, (bits & 1) != 0, exchange, routingKey, messageCount);
            }
            case BasicMethod.GetEmpty.METHOD_ID: {
                PrimitiveCodec.skipShortstr(in); // reserved
                return new BasicMethod.GetEmpty();
            }
            case BasicMethod.Ack.METHOD_ID: {
                long deliveryTag = in.readLong();
                int bits = in.readUnsignedByte();
                return new BasicMethod.Ack(deliveryTag, (bits & 1) != 0);
            }
            case BasicMethod.Reject.METHOD_ID: {
                long deliveryTag = in.readLong();
                int bits = in.readUnsignedByte();
                return new BasicMethod.Reject(deliveryTag, (bits & 1) != 0);
            }
            case BasicMethod.RecoverAsync.METHOD_ID: {
                int bits = in.readUnsignedByte();
                return new BasicMethod.RecoverAsync((bits & 1) != 0);
            }
            case BasicMethod.Recover.METHOD_ID: {
                int bits = in.readUnsignedByte();
                return new BasicMethod.Recover((bits & 1) != 0);
            }
            case BasicMethod.RecoverOk.METHOD_ID:
                return RECOVER_OK;
            case BasicMethod.Nack.METHOD_ID: {
                long deliveryTag = in.readLong();
                int bits = in.readUnsignedByte();
                return new BasicMethod.Nack(deliveryTag, (bits & 1) != 0, (bits & 2) != 0);
            }
            default:
                return null;
        }
    }

    static void encode(BasicMethod method, ByteBuf out) {
        switch (method.methodId()) {
            case BasicMethod.Qos.METHOD_ID: {
                BasicMethod.Qos m = (BasicMethod.Qos) method;
                out.writeInt(m.prefetchSize());
                out.writeShort(m.prefetchCount());
                out.writeByte(m.global() ? 1 : 0);
                return;
            }
            case BasicMethod.QosOk.METHOD_ID:
                return;
            case BasicMethod.Consume.METHOD_ID: {
                BasicMethod.Consume m = (BasicMethod.Consume) method;
                out.writeShort(0); // reserved: ticket
                PrimitiveCodec.writeShortstr(out, m.queue());
                PrimitiveCodec.writeShortstr(out, m.consumerTag());
                out.writeByte((m.noLocal() ? 1 : 0)
                        | (m.noAck() ? 2 : 0)
                        | (m.exclusive() ? 4 : 0)
                        | (m.noWait() ? 8 : 0));
                FieldTableCodec.writeTable(out, m.arguments());
                return;
            }
            case BasicMethod.ConsumeOk.METHOD_ID: {
                BasicMethod.ConsumeOk m = (BasicMethod.ConsumeOk) method;
                PrimitiveCodec.writeShortstr(out, m.consumerTag());
                return;
            }
            case BasicMethod.Cancel.METHOD_ID: {
                BasicMethod.Cancel m = (BasicMethod.Cancel) method;
                PrimitiveCodec.writeShortstr(out, m.consumerTag());
                out.writeByte(m.noWait() ? 1 : 0);
                return;
            }
            case BasicMethod.CancelOk.METHOD_ID: {
                BasicMethod.CancelOk m = (BasicMethod.CancelOk) method;
                PrimitiveCodec.writeShortstr(out, m.consumerTag());
                return;
            }
            case BasicMethod.Publish.METHOD_ID: {
                BasicMethod.Publish m = (BasicMethod.Publish) method;
                out.writeShort(0); // reserved: ticket
                PrimitiveCodec.writeShortstr(out, m.exchange());
                PrimitiveCodec.writeShortstr(out, m.routingKey());
                out.writeByte((m.mandatory() ? 1 : 0) | (m.immediate() ? 2 : 0));
                return;
            }
            case BasicMethod.Return.METHOD_ID: {
                BasicMethod.Return m = (BasicMethod.Return) method;
                out.writeShort(m.replyCode());
                PrimitiveCodec.writeShortstr(out, m.replyText());
                PrimitiveCodec.writeShortstr(out, m.exchange());
                PrimitiveCodec.writeShortstr(out, m.routingKey());
                return;
            }
            case BasicMethod.Deliver.METHOD_ID: {
                BasicMethod.Deliver m = (BasicMethod.Deliver) method;
                PrimitiveCodec.writeShortstr(out, m.consumerTag());
                out.writeLong(m.deliveryTag());
                out.writeByte(m.redelivered() ? 1 : 0);
                PrimitiveCodec.writeShortstr(out, m.exchange());
                PrimitiveCodec.writeShortstr(out, m.routingKey());
                return;
            }
            case BasicMethod.Get.METHOD_ID: {
                BasicMethod.Get m = (BasicMethod.Get) method;
                out.writeShort(0); // reserved: ticket
                PrimitiveCodec.writeShortstr(out, m.queue());
                out.writeByte(m.noAck() ? 1 : 0);
                return;
            }
            case BasicMethod.GetOk.METHOD_ID: {
                BasicMethod.GetOk m = (BasicMethod.GetOk) method;
                out.writeLong(m.deliveryTag());
                out.writeByte(m.redelivered() ? 1 : 0);
                PrimitiveCodec.writeShortstr(out, m.exchange());
                PrimitiveCodec.writeShortstr(out, m.routingKey());
                out.writeInt(m.messageCount());
                return;
            }
            case BasicMethod.GetEmpty.METHOD_ID: {
                out.writeByte(0); // reserved: empty shortstr
                return;
            }
            case BasicMethod.Ack.METHOD_ID: {
                BasicMethod.Ack m = (BasicMethod.Ack) method;
                out.writeLong(m.deliveryTag());
                out.writeByte(m.multiple() ? 1 : 0);
                return;
            }
            case BasicMethod.Reject.METHOD_ID: {
                BasicMethod.Reject m = (BasicMethod.Reject) method;
                out.writeLong(m.deliveryTag());
                out.writeByte(m.requeue() ? 1 : 0);
                return;
            }
            case BasicMethod.RecoverAsync.METHOD_ID: {
                BasicMethod.RecoverAsync m = (BasicMethod.RecoverAsync) method;
                out.writeByte(m.requeue() ? 1 : 0);
                return;
            }
            case BasicMethod.Recover.METHOD_ID: {
                BasicMethod.Recover m = (BasicMethod.Recover) method;
                out.writeByte(m.requeue() ? 1 : 0);
                return;
            }
            case BasicMethod.RecoverOk.METHOD_ID:
                return;
            case BasicMethod.Nack.METHOD_ID: {
                BasicMethod.Nack m = (BasicMethod.Nack) method;
                out.writeLong(m.deliveryTag());
                out.writeByte((m.multiple() ? 1 : 0) | (m.requeue() ? 2 : 0));
                return;
            }
            default:
                throw new IllegalArgumentException("no basic method with id " + method.methodId());
        }
    }
}
