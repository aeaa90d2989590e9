package io.eventyard.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The document itself: it parses, holds together, and its examples keep their own rules. */
class AsyncApiDocumentTest {

    private static final AsyncApiContract CONTRACT = AsyncApiContract.load();

    static Stream<String> messageNames() {
        return CONTRACT.messageNames().stream();
    }

    @Test
    void isAnAsyncApi3DocumentOnTheClassPath() {
        JsonNode document = CONTRACT.document();
        assertThat(document.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(document.path("servers").fieldNames()).toIterable().containsExactlyInAnyOrder("amqp", "mqtt");
        assertThat(CONTRACT.channelIds()).isNotEmpty();
    }

    @Test
    void everyRefResolves() {
        assertThat(CONTRACT.brokenRefs()).isEmpty();
    }

    @Test
    void describesEveryChannelOfTheSystem() {
        assertThat(CONTRACT.channelIds()).containsExactlyInAnyOrder(
                "orderPlaced", "orderPaid", "paymentFailed", "orderShipped", "orderCancelled", "paymentRefunded",
                "emailSend", "emailRetry", "emailDead", "shopDead",
                "sensorReading", "deviceStatus", "lightState", "lightCommand", "alertNotice", "vehicleLocation");
    }

    @Test
    void everyChannelCarriesExactlyOneMessageOfTheComponents() {
        for (String channel : CONTRACT.channelIds()) {
            assertThat(CONTRACT.messageOf(channel)).as(channel).isNotNull();
        }
    }

    @Test
    void everyOperationSendsOrReceivesMessagesOfItsOwnChannel() {
        List<String> wrong = new ArrayList<>();
        CONTRACT.document().path("operations").fields().forEachRemaining(operation -> {
            JsonNode value = operation.getValue();
            String channelRef = value.path("channel").path("$ref").asText();
            if (!Set.of("send", "receive").contains(value.path("action").asText())) {
                wrong.add(operation.getKey() + ": action " + value.path("action"));
            }
            if (!value.has("messages") || value.path("messages").isEmpty()) {
                wrong.add(operation.getKey() + ": no messages");
            }
            // AsyncAPI 3.0: an operation's messages are references to messages of its channel.
            value.path("messages").forEach(message -> {
                if (!message.path("$ref").asText().startsWith(channelRef + "/messages/")) {
                    wrong.add(operation.getKey() + ": " + message.path("$ref").asText() + " is not of " + channelRef);
                }
            });
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyChannelButTheBrokersOwnRetryHasAProducer() {
        Set<String> sent = new java.util.HashSet<>();
        CONTRACT.document().path("operations").forEach(operation -> {
            if (operation.path("action").asText().equals("send")) {
                sent.add(operation.path("channel").path("$ref").asText().substring("#/channels/".length()));
            }
        });
        assertThat(CONTRACT.channelIds()).filteredOn(channel -> !sent.contains(channel)).containsExactly("emailRetry");
    }

    @ParameterizedTest
    @MethodSource("messageNames")
    void everyMessageHasExamplesThatItsProducerMaySend(String name) {
        MessageContract message = CONTRACT.message(name);
        assertThat(message.examples()).as(name + " examples").isNotEmpty();
        for (MessageExample example : message.examples()) {
            assertThat(message.violationsAsSent(example.payload())).as(name + " / " + example.name()).isEmpty();
            assertThat(message.violationsAsReceived(example.payload())).as(name + " / " + example.name()).isEmpty();
            assertThat(message.headerViolations(example.headers())).as(name + " / " + example.name() + " headers")
                    .isEmpty();
        }
    }

    @Test
    void everyExampleHasANameOfItsOwnWrittenAsText() {
        // YAML 1.1 reads a bare off, on, yes or no as a boolean: such a name would not be found by the tests
        List<String> names = new ArrayList<>();
        CONTRACT.document().path("components").path("messages").fields().forEachRemaining(message ->
                message.getValue().path("examples").forEach(example -> {
                    assertThat(example.path("name").isTextual()).as(message.getKey() + " " + example).isTrue();
                    names.add(message.getKey() + "/" + example.path("name").asText());
                }));
        assertThat(names).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("messageNames")
    void everyObjectPayloadSaysWhatItRequires(String name) {
        JsonNode payload = CONTRACT.resolve(CONTRACT.document().path("components").path("messages").path(name)
                .path("payload"));
        if ("object".equals(payload.path("type").asText())) {
            // LightCommand says "one of these" as anyOf of required
            assertThat(payload.has("required") || payload.has("anyOf")).as(name + " declares required").isTrue();
        }
    }
}
