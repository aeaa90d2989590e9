package io.eventyard.broker.core.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** An AMQP long string whose bytes are not valid UTF-8, kept as bytes so that it re-encodes exactly. */
public record LongString(byte[] bytes) {

    @Override
    public boolean equals(Object o) {
        return o instanceof LongString other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
