package io.eventyard.broker.amqp.codec;

import java.util.Map;

/**
 * The methods of class {@code basic} (60). {@code publish}, {@code return}, {@code deliver} and {@code get-ok}
 * carry content. {@code prefetch-size} and {@code message-count} are unsigned 32-bit values held in an {@code int};
 * {@code delivery-tag} is an unsigned 64-bit value held in a {@code long}.
 */
public sealed interface BasicMethod extends Method {

    int CLASS_ID = 60;

    @Override
    default int classId() {
        return CLASS_ID;
    }

    record Qos(int prefetchSize, int prefetchCount, boolean global) implements BasicMethod {
        public static final int METHOD_ID = 10;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "basic.qos";
        }
    }

    record QosOk() implements BasicMethod {
        public static final int METHOD_ID = 11;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "basic.qos-ok";
        }
    }

    record Consume(String queue, String consumerTag, boolean noLocal, boolean noAck, boolean exclusive, boolean noWait,
            Map<String, Object> arguments) implements BasicMethod {
        public static final int METHOD_ID = 20;

        public Consume {
            arguments = arguments == null ? Map.of() : arguments;
        }

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "basic.consume";
        }
    }

    record ConsumeOk(String consumerTag) implements BasicMethod {
        public static final int METHOD_ID = 21;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "basic.consume-ok";
        }
    }

    /** Sent by either peer; the server sends it when a queue goes away (RabbitMQ consumer cancel notification). */
    record Cancel(String consumerTag, boolean noWait) implements BasicMethod {
        public static final int METHOD_ID = 30;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "basic.cancel";
        }
    }

    record CancelOk(String consumerTag) implements BasicMethod {
        public static final int METHOD_ID = 31;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "basic.cancel-ok";
        }
    }

    record Publish(String exchange, String routingKey, boolean mandatory, boolean immediate) implements BasicMethod {
        public static final int METHOD_ID = 40;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "basic.publish";
        }

        @Override
        public boolean carriesContent() {
            return true;
        }
    }

    record Return(int replyCode, String replyText, String exchange, String routingKey) implements BasicMethod {
        public static final int METHOD_ID = 50;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "basic.return";
        }

        @Override
        public boolean carriesContent() {
            return true;
        }
    }

    record Deliver(String consumerTag, long deliveryTag, boolean redelivered, String exchange, String routingKey)
            implements BasicMethod {
        public static final int METHOD_ID = 60;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "basic.deliver";
        }

        @Override
        public boolean carriesContent() {
            return true;
        }
    }

    record Get(String queue, boolean noAck) implements BasicMethod {
        public static final int METHOD_ID = 70;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "basic.get";
        }
    }

    record GetOk(long deliveryTag, boolean redelivered, String exchange, String routingKey, int messageCount)
            implements BasicMethod {
        public static final int METHOD_ID = 71;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "basic.get-ok";
        }

        @Override
        public boolean carriesContent() {
            return true;
        }
    }

    /** Reserved field {@code cluster-id} (shortstr) is written empty. */
    record GetEmpty() implements BasicMethod {
        public static final int METHOD_ID = 72;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "basic.get-empty";
        }
    }

    record Ack(long deliveryTag, boolean multiple) implements BasicMethod {
        public static final int METHOD_ID = 80;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "basic.ack";
        }
    }

    record Reject(long deliveryTag, boolean requeue) implements BasicMethod {
        public static final int METHOD_ID = 90;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "basic.reject";
        }
    }

    /** Deprecated by the spec; RabbitMQ still accepts it. */
    record RecoverAsync(boolean requeue) implements BasicMethod {
        public static final int METHOD_ID = 100;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "basic.recover-async";
        }
    }

    record Recover(boolean requeue) implements BasicMethod {
        public static final int METHOD_ID = 110;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "basic.recover";
        }
    }

    record RecoverOk() implements BasicMethod {
        public static final int METHOD_ID = 111;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "basic.recover-ok";
        }
    }

    /** RabbitMQ extension: negative acknowledgement, from a consumer or (with publisher confirms) from the server. */
    record Nack(long deliveryTag, boolean multiple, boolean requeue) implements BasicMethod {
        public static final int METHOD_ID = 120;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "basic.nack";
        }
    }
}
