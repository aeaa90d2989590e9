package io.eventyard.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One message of the contract: its payload schema, its headers schema and its examples.
 *
 * <ul>
 *   <li>{@link #violationsAsSent} reads the schema closed: what a producer sends must name no field the contract
 *       does not. A producer's contract test uses it (or {@link #assertSent}).</li>
 *   <li>{@link #violationsAsReceived} reads it as written, open to fields a newer producer may add. It is what a
 *       consumer may rely on.</li>
 * </ul>
 * A {@code text/plain} payload (a device's {@code online}) is validated as a JSON string; anything else must be
 * JSON. Headers are always read open: brokers and the messaging kit add their own.
 */
public final class MessageContract {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String TEXT_PLAIN = "text/plain";

    private final AsyncApiContract contract;
    private final String name;
    private final JsonNode message;
    private final String pointer;

    MessageContract(AsyncApiContract contract, String name, JsonNode message) {
        this.contract = contract;
        this.name = name;
        this.message = message;
        this.pointer = "/components/messages/" + name;
    }

    public String name() {
        return name;
    }

    /** The message's content type: its own, a trait's, or the document's default. */
    public String contentType() {
        return property("contentType").map(JsonNode::asText).orElse(contract.defaultContentType().asText());
    }

    /** Violations of the payload as its producer must send it (unknown fields are violations). */
    public List<ContractViolation> violationsAsSent(String payload) {
        return validatePayload(payload, true);
    }

    /** Violations of the payload as a consumer may receive it (unknown fields are allowed). */
    public List<ContractViolation> violationsAsReceived(String payload) {
        return validatePayload(payload, false);
    }

    /** @throws ContractViolationException listing every violation, if the payload may not be sent */
    public void assertSent(String payload) {
        List<ContractViolation> violations = violationsAsSent(payload);
        if (!violations.isEmpty()) {
            throw new ContractViolationException(name + " payload " + payload, violations);
        }
    }

    /**
     * Violations of AMQP headers against the message's headers schema; none when it declares none. Header values
     * are compared as JSON: AMQP long strings must be passed as {@link String}s.
     */
    public List<ContractViolation> headerViolations(Map<String, ?> headers) {
        Optional<String> headersPointer = headersPointer();
        if (headersPointer.isEmpty()) {
            return List.of();
        }
        return violations(JSON.valueToTree(headers), headersPointer.get(), false);
    }

    /** @throws ContractViolationException listing every violation, if the headers break the contract */
    public void assertHeaders(Map<String, ?> headers) {
        List<ContractViolation> violations = headerViolations(headers);
        if (!violations.isEmpty()) {
            throw new ContractViolationException(name + " headers " + headers, violations);
        }
    }

    public List<MessageExample> examples() {
        List<MessageExample> examples = new ArrayList<>();
        for (JsonNode example : message.path("examples")) {
            Map<String, Object> headers = example.has("headers")
                    ? JSON.convertValue(example.get("headers"), JSON.getTypeFactory().constructMapType(
                    LinkedHashMap.class, String.class, Object.class))
                    : Map.of();
            examples.add(new MessageExample(example.path("name").asText(), wire(example.path("payload")), headers));
        }
        return examples;
    }

    public MessageExample example(String exampleName) {
        return examples().stream().filter(example -> example.name().equals(exampleName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no example " + exampleName));
    }

    @Override
    public String toString() {
        return name;
    }

    private List<ContractViolation> validatePayload(String payload, boolean asSent) {
        JsonNode node;
        if (TEXT_PLAIN.equals(contentType())) {
            node = TextNode.valueOf(payload);
        } else {
            try {
                node = JSON.readTree(payload);
            } catch (JsonProcessingException e) {
                return List.of(new ContractViolation("$", "not JSON: " + e.getOriginalMessage()));
            }
            if (node == null || node.isMissingNode()) {
                return List.of(new ContractViolation("$", "empty payload"));
            }
        }
        return violations(node, pointer + "/payload", asSent);
    }

    private List<ContractViolation> violations(JsonNode node, String schemaPointer, boolean asSent) {
        List<Error> errors = contract.schema(schemaPointer, asSent).validate(node);
        return errors.stream()
                .map(error -> new ContractViolation(String.valueOf(error.getInstanceLocation()), error.getMessage()))
                .toList();
    }

    private String wire(JsonNode payload) {
        if (TEXT_PLAIN.equals(contentType())) {
            return payload.asText();
        }
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A property of the message itself, else of its first trait that has it (traits are merged into messages). */
    private Optional<JsonNode> property(String field) {
        if (message.has(field)) {
            return Optional.of(message.get(field));
        }
        for (JsonNode trait : message.path("traits")) {
            JsonNode resolved = contract.resolve(trait);
            if (resolved.has(field)) {
                return Optional.of(resolved.get(field));
            }
        }
        return Optional.empty();
    }

    private Optional<String> headersPointer() {
        if (message.has("headers")) {
            return Optional.of(pointer + "/headers");
        }
        for (JsonNode trait : message.path("traits")) {
            String ref = trait.path("$ref").asText();
            if (ref.startsWith("#/") && contract.resolve(trait).has("headers")) {
                return Optional.of(ref.substring(1) + "/headers");
            }
        }
        return Optional.empty();
    }
}
