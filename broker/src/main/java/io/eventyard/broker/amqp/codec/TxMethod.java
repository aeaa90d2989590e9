package io.eventyard.broker.amqp.codec;

/** The methods of class {@code tx} (90). */
public sealed interface TxMethod extends Method {

    int CLASS_ID = 90;

    @Override
    default int classId() {
        return CLASS_ID;
    }

    record Select() implements TxMethod {
        public static final int METHOD_ID = 10;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "tx.select";
        }
    }

    record SelectOk() implements TxMethod {
        public static final int METHOD_ID = 11;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "tx.select-ok";
        }
    }

    record Commit() implements TxMethod {
        public static final int METHOD_ID = 20;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "tx.commit";
        }
    }

    record CommitOk() implements TxMethod {
        public static final int METHOD_ID = 21;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "tx.commit-ok";
        }
    }

    record Rollback() implements TxMethod {
        public static final int METHOD_ID = 30;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "tx.rollback";
        }
    }

    record RollbackOk() implements TxMethod {
        public static final int METHOD_ID = 31;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "tx.rollback-ok";
        }
    }
}
