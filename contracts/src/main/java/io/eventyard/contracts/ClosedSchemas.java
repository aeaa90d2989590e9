package io.eventyard.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Makes the producer's reading of the schemas: every object schema that declares {@code properties} and leaves
 * {@code additionalProperties} unsaid is closed ({@code additionalProperties: false}). The document itself stays
 * open, because consumers must tolerate fields they do not know; a producer, though, must not send a field the
 * contract does not name, which is what catches a renamed or added record component before it ships.
 *
 * <p>Only schemas typed {@code object} are closed: the subschemas of {@code if}, {@code not} or {@code anyOf}
 * that merely name a property must keep matching documents that have others.
 */
final class ClosedSchemas {

    private ClosedSchemas() {
    }

    /** Closes, in place, every object schema in and below {@code schema}. */
    static void close(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            if ("object".equals(object.path("type").asText()) && object.has("properties")
                    && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            object.elements().forEachRemaining(ClosedSchemas::close);
        } else if (schema != null && schema.isArray()) {
            schema.elements().forEachRemaining(ClosedSchemas::close);
        }
    }
}
