package io.eventyard.broker.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Big-endian primitives into a growing byte array: the writing half of the log's encoding. */
final class RecordWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

    void u8(int value) {
        out.write(value);
    }

    void i16(int value) {
        out.write(value >>> 8);
        out.write(value);
    }

    void i32(int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    void i64(long value) {
        i32((int) (value >>> 32));
        i32((int) value);
    }

    void bool(boolean value) {
        u8(value ? 1 : 0);
    }

    /** A u32 length, then the bytes. */
    void bytes(byte[] value) {
        i32(value.length);
        out.write(value, 0, value.length);
    }

    /** UTF-8 bytes with a u32 length. */
    void string(String value) {
        bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
