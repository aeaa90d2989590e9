package io.eventyard.broker.scenario.harness;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reads a method frame's arguments in order, after its class and method ids. Not thread-safe. */
public final class MethodReader {

    private final ByteBuffer in;

    MethodReader(byte[] payload) {
        in = ByteBuffer.wrap(payload);
        in.position(4);
    }

    public int octet() {
        return in.get() & 0xff;
    }

    public int shortInt() {
        return in.getShort() & 0xffff;
    }

    public long longInt() {
        return in.getInt() & 0xffff_ffffL;
    }

    public long longLong() {
        return in.getLong();
    }

    public String shortString() {
        byte[] utf8 = new byte[octet()];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    public byte[] longString() {
        byte[] value = new byte[in.getInt()];
        in.get(value);
        return value;
    }

    public void skipTable() {
        in.position(in.position() + in.getInt());
    }
}
