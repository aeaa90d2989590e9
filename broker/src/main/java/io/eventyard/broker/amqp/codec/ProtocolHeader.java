package io.eventyard.broker.amqp.codec;

import java.util.Arrays;

/**
 * The eight bytes a client sends before any frame (spec 4.2.2): "AMQP", 0, then major, minor, revision.
 *
 * @param bytes     as received, or as to be sent
 * @param supported whether this broker speaks that protocol; if not, the server answers with
 *                  {@link #AMQP_0_9_1} and closes the socket (spec 4.2.2)
 */
public record ProtocolHeader(byte[] bytes, boolean supported) {

    public static final ProtocolHeader AMQP_0_9_1 =
            new ProtocolHeader(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1}, true);

    /** What 0-9 clients send; RabbitMQ speaks 0-9-1 to them, which they accept. */
    static final byte[] AMQP_0_9 = {'A', 'M', 'Q', 'P', 1, 1, 0, 9};

    public static final int LENGTH = 8;

    /** The header a client sent, judged supported when it asks for 0-9-1 (or 0-9, as RabbitMQ allows). */
    public static ProtocolHeader received(byte[] bytes) {
        boolean supported = Arrays.equals(bytes, AMQP_0_9_1.bytes) || Arrays.equals(bytes, AMQP_0_9);
        return new ProtocolHeader(bytes.clone(), supported);
    }

    /** A copy: the constant {@link #AMQP_0_9_1} must stay as it is. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProtocolHeader other && supported == other.supported && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bytes) + Boolean.hashCode(supported);
    }

    @Override
    public String toString() {
        return "ProtocolHeader[" + Arrays.toString(bytes) + (supported ? ", supported]" : ", unsupported]");
    }
}
