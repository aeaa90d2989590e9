package io.eventyard.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code asyncapi.yaml}, loaded from the class path, as the services' contract tests use it: find a message by
 * name, by channel or by MQTT topic, then check a payload against it ({@link MessageContract}).
 *
 * <p>Payload schemas are validated as JSON Schema draft-07 (the base of AsyncAPI 3.0's default schema format)
 * by networknt's validator. Each schema is read two ways: as the document says, for what a service receives,
 * and closed ({@link ClosedSchemas}), for what a service sends. Only local references ({@code #/...}) are
 * allowed, so the document needs nothing but itself.
 */
public final class AsyncApiContract {

    /** The class-path resource the contracts module packages {@code contracts/asyncapi.yaml} as. */
    public static final String RESOURCE = "asyncapi.yaml";

    // Names the two readings for the validator; .invalid never resolves, so nothing is ever fetched.
    private static final String AS_RECEIVED = "https://eventyard.invalid/contracts/asyncapi.json";
    private static final String AS_SENT = "https://eventyard.invalid/contracts/asyncapi-as-sent.json";
    private static final String MESSAGES = "#/components/messages/";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile AsyncApiContract classPathContract;

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private AsyncApiContract(JsonNode document) {
        this.document = document;
        JsonNode asSent = document.deepCopy();
        ClosedSchemas.close(asSent.path("components").path("schemas"));
        asSent.path("components").path("messages").forEach(message -> ClosedSchemas.close(message.get("payload")));
        try {
            Map<String, String> readings = Map.of(AS_RECEIVED, JSON.writeValueAsString(document),
                    AS_SENT, JSON.writeValueAsString(asSent));
            this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7, builder -> builder
                    .schemas(readings)
                    .schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .formatAssertionsEnabled(true)
                            .pathType(PathType.JSON_PATH)
                            .build()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document on the class path, parsed once per class loader. */
    public static AsyncApiContract load() {
        AsyncApiContract contract = classPathContract;
        if (contract == null) {
            try (InputStream yaml = AsyncApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (yaml == null) {
                    throw new IllegalStateException(RESOURCE + " is not on the class path (is the contracts module a dependency?)");
                }
                contract = parse(yaml);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
            classPathContract = contract;
        }
        return contract;
    }

    /** A document from a stream of YAML (or JSON, which is YAML too). */
    public static AsyncApiContract parse(InputStream yaml) throws IOException {
        JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        if (document == null || !document.isObject()) {
            throw new IOException("not an AsyncAPI document: the root is not a mapping");
        }
        return new AsyncApiContract(document);
    }

    /** The parsed document, for structural checks; do not change it. */
    public JsonNode document() {
        return document;
    }

    public Set<String> channelIds() {
        return fieldNames(document.path("channels"));
    }

    public Set<String> operationIds() {
        return fieldNames(document.path("operations"));
    }

    public Set<String> messageNames() {
        return fieldNames(document.path("components").path("messages"));
    }

    /** A message of {@code components.messages} by its name there, e.g. {@code OrderPlaced}. */
    public MessageContract message(String name) {
        JsonNode message = document.path("components").path("messages").path(name);
        if (!message.isObject()) {
            throw new IllegalArgumentException("no message " + name + " in " + RESOURCE + "; there are " + messageNames());
        }
        return new MessageContract(this, name, message);
    }

    /** The message a channel carries, by channel id (e.g. {@code orderPlaced}); every channel here carries one. */
    public MessageContract messageOf(String channelId) {
        JsonNode channel = document.path("channels").path(channelId);
        if (!channel.isObject()) {
            throw new IllegalArgumentException("no channel " + channelId + " in " + RESOURCE + "; there are " + channelIds());
        }
        List<String> refs = new ArrayList<>();
        channel.path("messages").forEach(message -> refs.add(message.path("$ref").asText()));
        if (refs.size() != 1 || !refs.get(0).startsWith(MESSAGES)) {
            throw new IllegalStateException("channel " + channelId + " should carry one message of components.messages, has " + refs);
        }
        return message(refs.get(0).substring(MESSAGES.length()));
    }

    /**
     * The message of the channel whose address matches an MQTT topic, {@code {name}} standing for one level.
     * Where several match ({@code home/lights/lamp-1} is also {@code home/{room}/{sensor}}), the address with
     * the most literal levels wins, as the services route them.
     */
    public MessageContract messageOnTopic(String topic) {
        String[] levels = topic.split("/", -1);
        List<Map.Entry<String, Integer>> matches = new ArrayList<>();
        document.path("channels").fields().forEachRemaining(channel -> {
            int literals = literalLevelsMatched(channel.getValue().path("address").asText(""), levels);
            if (literals >= 0) {
                matches.add(Map.entry(channel.getKey(), literals));
            }
        });
        matches.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()));
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("no channel in " + RESOURCE + " has an address matching " + topic);
        }
        if (matches.size() > 1 && matches.get(0).getValue().equals(matches.get(1).getValue())) {
            throw new IllegalStateException("topic " + topic + " matches channels " + matches.get(0).getKey()
                    + " and " + matches.get(1).getKey() + " equally");
        }
        return messageOf(matches.get(0).getKey());
    }

    /** Every {@code $ref} in the document that does not point at something in it, with where it is. */
    public List<String> brokenRefs() {
        List<String> broken = new ArrayList<>();
        collectBrokenRefs(document, "", broken);
        return broken;
    }

    /** Follows {@code $ref}s (local ones) until it reaches a node that is not a reference. */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current != null && current.has("$ref"); hops++) {
            if (hops > 16) {
                throw new IllegalStateException("$ref cycle at " + node);
            }
            current = target(current.path("$ref").asText());
            if (current == null) {
                throw new IllegalStateException("unresolvable $ref " + node.path("$ref").asText());
            }
        }
        return current;
    }

    /** The schema at a JSON pointer of the document, as received (open) or as sent (closed). */
    Schema schema(String pointer, boolean asSent) {
        String location = (asSent ? AS_SENT : AS_RECEIVED) + "#" + pointer;
        return schemas.computeIfAbsent(location, at -> registry.getSchema(SchemaLocation.of(at)));
    }

    JsonNode defaultContentType() {
        return document.path("defaultContentType");
    }

    private JsonNode target(String ref) {
        if (!ref.startsWith("#/")) {
            return null;
        }
        JsonNode target = document.at(ref.substring(1));
        return target.isMissingNode() ? null : target;
    }

    private void collectBrokenRefs(JsonNode node, String path, List<String> broken) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && (!ref.isTextual() || target(ref.asText()) == null)) {
                broken.add(path + ": " + ref);
            }
            node.fields().forEachRemaining(field -> collectBrokenRefs(field.getValue(), path + "/" + field.getKey(), broken));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectBrokenRefs(node.get(i), path + "/" + i, broken);
            }
        }
    }

    /** How many literal levels of {@code address} match, or -1 if it does not match the topic at all. */
    private static int literalLevelsMatched(String address, String[] topic) {
        if (address.isEmpty()) {
            return -1;
        }
        String[] pattern = address.split("/", -1);
        if (pattern.length != topic.length) {
            return -1;
        }
        int literals = 0;
        for (int i = 0; i < pattern.length; i++) {
            boolean parameter = pattern[i].startsWith("{") && pattern[i].endsWith("}");
            if (parameter) {
                if (topic[i].isEmpty()) {
                    return -1;
                }
            } else if (pattern[i].equals(topic[i])) {
                literals++;
            } else {
                return -1;
            }
        }
        return literals;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
