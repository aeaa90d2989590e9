package io.eventyard.contracts;

import java.util.Map;

/**
 * One of a message's {@code examples}, as it would travel.
 *
 * @param name    the example's name in the document
 * @param payload the bytes on the wire as text: JSON for JSON messages, the plain text for {@code text/plain}
 * @param headers the example's AMQP headers, empty when it has none
 */
public record MessageExample(String name, String payload, Map<String, Object> headers) {

    public MessageExample {
        headers = Map.copyOf(headers);
    }
}
