package io.eventyard.broker.amqp.codec;

/** The methods of class {@code channel} (20). */
public sealed interface ChannelMethod extends Method {

    int CLASS_ID = 20;

    @Override
    default int classId() {
        return CLASS_ID;
    }

    /** Reserved field {@code out-of-band} (shortstr) is read and ignored. */
    record Open() implements ChannelMethod {
        public static final int METHOD_ID = 10;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "channel.open";
        }
    }

    /** Reserved field {@code channel-id} (longstr) is written empty. */
    record OpenOk() implements ChannelMethod {
        public static final int METHOD_ID = 11;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "channel.open-ok";
        }
    }

    record Flow(boolean active) implements ChannelMethod {
        public static final int METHOD_ID = 20;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "channel.flow";
        }
    }

    record FlowOk(boolean active) implements ChannelMethod {
        public static final int METHOD_ID = 21;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "channel.flow-ok";
        }
    }

    /**
     * Spec fields {@code class-id} and {@code method-id} are {@code failingClassId} and {@code failingMethodId}, since
     * {@link Method#classId()} is taken.
     */
    record Close(int replyCode, String replyText, int failingClassId, int failingMethodId) implements ChannelMethod {
        public static final int METHOD_ID = 40;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "channel.close";
        }
    }

    record CloseOk() implements ChannelMethod {
        public static final int METHOD_ID = 41;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "channel.close-ok";
        }
    }
}
