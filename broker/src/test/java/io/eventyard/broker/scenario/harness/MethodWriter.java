package io.eventyard.broker.scenario.harness;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a method frame's payload: class id, method id, then the arguments in the order the spec lists them
 * (field types as in spec 4.2.5; consecutive bits pack into octets). Deliberately independent of the broker's
 * codec, so that the scenarios test it rather than share its mistakes. Not thread-safe.
 */
public final class MethodWriter {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    private MethodWriter(int classId, int methodId) {
        shortInt(classId).shortInt(methodId);
    }

    public static MethodWriter method(int classId, int methodId) {
        return new MethodWriter(classId, methodId);
    }

    public MethodWriter octet(int value) {
        return write(() -> out.writeByte(value));
    }

    public MethodWriter shortInt(int value) {
        return write(() -> out.writeShort(value));
    }

    public MethodWriter longInt(int value) {
        return write(() -> out.writeInt(value));
    }

    public MethodWriter longLong(long value) {
        return write(() -> out.writeLong(value));
    }

    public MethodWriter shortString(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return write(() -> {
            out.writeByte(utf8.length);
            out.write(utf8);
        });
    }

    public MethodWriter longString(byte[] value) {
        return write(() -> {
            out.writeInt(value.length);
            out.write(value);
        });
    }

    /** Consecutive bit arguments, packed low bit first into one octet (spec 4.2.5.2). */
    public MethodWriter bits(boolean... values) {
        int packed = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i]) {
                packed |= 1 << i;
            }
        }
        return octet(packed);
    }

    public MethodWriter emptyTable() {
        return longInt(0);
    }

    public byte[] toBytes() {
        return bytes.toByteArray();
    }

    private MethodWriter write(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }
}
