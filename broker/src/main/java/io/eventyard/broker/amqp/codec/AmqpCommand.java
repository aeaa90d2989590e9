package io.eventyard.broker.amqp.codec;

import io.eventyard.broker.core.message.MessageProperties;

import java.util.Arrays;
import java.util.Objects;

/**
 * One method with its content, if it carries any, on one channel: what the frame decoder emits once it has joined
 * a method frame with its content header and body frames, and what the frame encoder splits into frames.
 *
 * <p>The body array is shared, not copied: neither side changes it after handing the command on.
 *
 * @param properties {@code null} when the method carries no content
 * @param body       {@code null} when the method carries no content; may be empty
 */
public record AmqpCommand(int channel, Method method, MessageProperties properties, byte[] body) {

    public AmqpCommand {
        Objects.requireNonNull(method, "method");
        if ((properties == null) != (body == null)) {
            throw new IllegalArgumentException("properties and body go together: both or neither");
        }
    }

    /** A command without content. */
    public static AmqpCommand of(int channel, Method method) {
        return new AmqpCommand(channel, method, null, null);
    }

    public boolean hasContent() {
        return body != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AmqpCommand other && channel == other.channel && method.equals(other.method)
                && Objects.equals(properties, other.properties) && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(channel, method, properties, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "AmqpCommand[channel=" + channel + ", method=" + method
                + (body == null ? "" : ", properties=" + properties + ", body=(" + body.length + " bytes)") + "]";
    }
}
