package io.eventyard.broker.amqp.codec;

/** The methods of class {@code confirm} (85). */
public sealed interface ConfirmMethod extends Method {

    int CLASS_ID = 85;

    @Override
    default int classId() {
        return CLASS_ID;
    }

    /** RabbitMQ extension: puts the channel in publisher confirm mode. The spec field is {@code nowait}. */
    record Select(boolean noWait) implements ConfirmMethod {
        public static final int METHOD_ID = 10;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "confirm.select";
        }
    }

    record SelectOk() implements ConfirmMethod {
        public static final int METHOD_ID = 11;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "confirm.select-ok";
        }
    }
}
