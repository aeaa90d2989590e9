package io.eventyard.broker.amqp.codec;

import java.util.Map;

/**
 * The methods of class {@code queue} (50). {@code message-count} and {@code consumer-count} are unsigned 32-bit
 * values held in an {@code int}.
 */
public sealed interface QueueMethod extends Method {

    int CLASS_ID = 50;

    @Override
    default int classId() {
        return CLASS_ID;
    }

    record Declare(String queue, boolean passive, boolean durable, boolean exclusive, boolean autoDelete,
            boolean noWait, Map<String, Object> arguments) implements QueueMethod {
        public static final int METHOD_ID = 10;

        public Declare {
            arguments = arguments == null ? Map.of() : arguments;
        }

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "queue.declare";
        }
    }

    record DeclareOk(String queue, int messageCount, int consumerCount) implements QueueMethod {
        public static final int METHOD_ID = 11;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "queue.declare-ok";
        }
    }

    record Bind(String queue, String exchange, String routingKey, boolean noWait, Map<String, Object> arguments)
            implements QueueMethod {
        public static final int METHOD_ID = 20;

        public Bind {
            arguments = arguments == null ? Map.of() : arguments;
        }

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "queue.bind";
        }
    }

    record BindOk() implements QueueMethod {
        public static final int METHOD_ID = 21;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "queue.bind-ok";
        }
    }

    record Purge(String queue, boolean noWait) implements QueueMethod {
        public static final int METHOD_ID = 30;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "queue.purge";
        }
    }

    record PurgeOk(int messageCount) implements QueueMethod {
        public static final int METHOD_ID = 31;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "queue.purge-ok";
        }
    }

    record Delete(String queue, boolean ifUnused, boolean ifEmpty, boolean noWait) implements QueueMethod {
        public static final int METHOD_ID = 40;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "queue.delete";
        }
    }

    record DeleteOk(int messageCount) implements QueueMethod {
        public static final int METHOD_ID = 41;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "queue.delete-ok";
        }
    }

    /** Has no {@code no-wait} field. */
    record Unbind(String queue, String exchange, String routingKey, Map<String, Object> arguments)
            implements QueueMethod {
        public static final int METHOD_ID = 50;

        public Unbind {
            arguments = arguments == null ? Map.of() : arguments;
        }

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "queue.unbind";
        }
    }

    record UnbindOk() implements QueueMethod {
        public static final int METHOD_ID = 51;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "queue.unbind-ok";
        }
    }
}
