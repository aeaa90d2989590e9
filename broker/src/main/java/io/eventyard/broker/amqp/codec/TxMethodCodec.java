package io.eventyard.broker.amqp.codec;

import io.netty.buffer.ByteBuf;

/**
 * Reads and writes the arguments of the {@code tx} methods: fields in spec order (spec 4.2.4), consecutive
 * bits packed into octets, low bit first (spec 4.2.5.2). A truncated argument list surfaces as the
 * {@link IndexOutOfBoundsException} of the buffer, which {@link MethodCodec} turns into the protocol error.
 */
final class TxMethodCodec {

    private static final TxMethod.Select SELECT = new TxMethod.Select();
    private static final TxMethod.SelectOk SELECT_OK = new TxMethod.SelectOk();
    private static final TxMethod.Commit COMMIT = new TxMethod.Commit();
    private static final TxMethod.CommitOk COMMIT_OK = new TxMethod.CommitOk();
    private static final TxMethod.Rollback ROLLBACK = new TxMethod.Rollback();
    private static final TxMethod.RollbackOk ROLLBACK_OK = new TxMethod.RollbackOk();

    private TxMethodCodec() {
    }

    /** The method, or {@code null} when the class has no method with that id. */
    static TxMethod decode(int methodId, ByteBuf in) {
        switch (methodId) {
            case TxMethod.Select.METHOD_ID:
                return SELECT;
            case TxMethod.SelectOk.METHOD_ID:
                return SELECT_OK;
            case TxMethod.Commit.METHOD_ID:
                return COMMIT;
            case TxMethod.CommitOk.METHOD_ID:
                return COMMIT_OK;
            case TxMethod.Rollback.METHOD_ID:
                return ROLLBACK;
            case TxMethod.RollbackOk.METHOD_ID:
                return ROLLBACK_OK;
            default:
                return null;
        }
    }

    static void encode(TxMethod method, ByteBuf out) {
        switch (method.methodId()) {
            case TxMethod.Select.METHOD_ID:
                return;
            case TxMethod.SelectOk.METHOD_ID:
                return;
            case TxMethod.Commit.METHOD_ID:
                return;
            case TxMethod.CommitOk.METHOD_ID:
                return;
            case TxMethod.Rollback.METHOD_ID:
                return;
            case TxMethod.RollbackOk.METHOD_ID:
                return;
            default:
                throw new IllegalArgumentException("no tx method with id " + method.methodId());
        }
    }
}
