package io.eventyard.broker.amqp.codec;

import java.util.Map;

/** The methods of class {@code exchange} (40). */
public sealed interface ExchangeMethod extends Method {

    int CLASS_ID = 40;

    @Override
    default int classId() {
        return CLASS_ID;
    }

    record Declare(String exchange, String type, boolean passive, boolean durable, boolean autoDelete, boolean internal,
            boolean noWait, Map<String, Object> arguments) implements ExchangeMethod {
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
            return "exchange.declare";
        }
    }

    record DeclareOk() implements ExchangeMethod {
        public static final int METHOD_ID = 11;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "exchange.declare-ok";
        }
    }

    record Delete(String exchange, boolean ifUnused, boolean noWait) implements ExchangeMethod {
        public static final int METHOD_ID = 20;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "exchange.delete";
        }
    }

    record DeleteOk() implements ExchangeMethod {
        public static final int METHOD_ID = 21;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "exchange.delete-ok";
        }
    }

    /** RabbitMQ extension: exchange-to-exchange binding. */
    record Bind(String destination, String source, String routingKey, boolean noWait, Map<String, Object> arguments)
            implements ExchangeMethod {
        public static final int METHOD_ID = 30;

        public Bind {
            arguments = arguments == null ? Map.of() : arguments;
        }

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "exchange.bind";
        }
    }

    record BindOk() implements ExchangeMethod {
        public static final int METHOD_ID = 31;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "exchange.bind-ok";
        }
    }

    /** RabbitMQ extension: removes an exchange-to-exchange binding. */
    record Unbind(String destination, String source, String routingKey, boolean noWait, Map<String, Object> arguments)
            implements ExchangeMethod {
        public static final int METHOD_ID = 40;

        public Unbind {
            arguments = arguments == null ? Map.of() : arguments;
        }

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "exchange.unbind";
        }
    }

    /** Method id 51, not 41: so RabbitMQ numbers it. */
    record UnbindOk() implements ExchangeMethod {
        public static final int METHOD_ID = 51;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "exchange.unbind-ok";
        }
    }
}
