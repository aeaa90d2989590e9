package io.eventyard.broker.amqp.codec;

import io.netty.buffer.ByteBuf;

/**
 * Method frame payloads (spec 4.2.4): class-id short, method-id short, then the arguments. Dispatches on the ids to
 * the codec of each class, with no reflection on the way.
 */
final class MethodCodec {

    private MethodCodec() {
    }

    /**
     * The method whose arguments start at the reader index, or {@code null} for ids RabbitMQ does not know. A
     * truncated argument list throws {@link IndexOutOfBoundsException}; a malformed table or a malformed UTF-8
     * shortstr throws {@link io.eventyard.broker.amqp.AmqpException}.
     */
    static Method decode(int classId, int methodId, ByteBuf arguments) {
        switch (classId) {
            case BasicMethod.CLASS_ID:
                return BasicMethodCodec.decode(methodId, arguments);
            case ChannelMethod.CLASS_ID:
                return ChannelMethodCodec.decode(methodId, arguments);
            case ConnectionMethod.CLASS_ID:
                return ConnectionMethodCodec.decode(methodId, arguments);
            case ConfirmMethod.CLASS_ID:
                return ConfirmMethodCodec.decode(methodId, arguments);
            case ExchangeMethod.CLASS_ID:
                return ExchangeMethodCodec.decode(methodId, arguments);
            case QueueMethod.CLASS_ID:
                return QueueMethodCodec.decode(methodId, arguments);
            case TxMethod.CLASS_ID:
                return TxMethodCodec.decode(methodId, arguments);
            default:
                return null;
        }
    }

    /** Writes class-id, method-id and the arguments. */
    static void encode(Method method, ByteBuf out) {
        out.writeShort(method.classId());
        out.writeShort(method.methodId());
        switch (method.classId()) {
            case BasicMethod.CLASS_ID:
                BasicMethodCodec.encode((BasicMethod) method, out);
                return;
            case ChannelMethod.CLASS_ID:
                ChannelMethodCodec.encode((ChannelMethod) method, out);
                return;
            case ConnectionMethod.CLASS_ID:
                ConnectionMethodCodec.encode((ConnectionMethod) method, out);
                return;
            case ConfirmMethod.CLASS_ID:
                ConfirmMethodCodec.encode((ConfirmMethod) method, out);
                return;
            case ExchangeMethod.CLASS_ID:
                ExchangeMethodCodec.encode((ExchangeMethod) method, out);
                return;
            case QueueMethod.CLASS_ID:
                QueueMethodCodec.encode((QueueMethod) method, out);
                return;
            case TxMethod.CLASS_ID:
                TxMethodCodec.encode((TxMethod) method, out);
                return;
            default:
                throw new IllegalArgumentException("no AMQP class with id " + method.classId());
        }
    }
}
