package io.eventyard.broker.store;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The reading half of {@link RecordWriter}; throws {@link MalformedRecordException} past the end. */
final class RecordReader {

    private final ByteBuffer in;

    RecordReader(ByteBuffer in) {
        this.in = in;
    }

    int u8() {
        try {
            return in.get() & 0xFF;
        } catch (BufferUnderflowException e) {
            throw new MalformedRecordException("record ends inside a field");
        }
    }

    short i16() {
        try {
            return in.getShort();
        } catch (BufferUnderflowException e) {
            throw new MalformedRecordException("record ends inside a field");
        }
    }

    int i32() {
        try {
            return in.getInt();
        } catch (BufferUnderflowException e) {
            throw new MalformedRecordException("record ends inside a field");
        }
    }

    long i64() {
        try {
            return in.getLong();
        } catch (BufferUnderflowException e) {
            throw new MalformedRecordException("record ends inside a field");
        }
    }

    boolean bool() {
        int value = u8();
        if (value > 1) {
            throw new MalformedRecordException("boolean " + value);
        }
        return value == 1;
    }

    byte[] bytes() {
        int length = count();
        byte[] value = new byte[length];
        in.get(value);
        return value;
    }

    String string() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** A u32 count or length, checked against what is left so that damage cannot ask for huge arrays. */
    int count() {
        int count = i32();
        if (count < 0 || count > in.remaining()) {
            throw new MalformedRecordException("length " + Integer.toUnsignedString(count)
                    + " exceeds the " + in.remaining() + " bytes left in the record");
        }
        return count;
    }

    boolean hasRemaining() {
        return in.hasRemaining();
    }
}
