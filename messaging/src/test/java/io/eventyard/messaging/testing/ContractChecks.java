package io.eventyard.messaging.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;
import io.eventyard.contracts.AsyncApiContract;
import io.eventyard.contracts.MessageContract;
import io.eventyard.contracts.MessageExample;
import io.eventyard.messaging.inbound.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What the shop services' contract tests check on both sides of a channel of {@code contracts/asyncapi.yaml}:
 * that a delivery a service really published is what the contract lets it send, and an example of the contract
 * as the service's listener would get it.
 */
public final class ContractChecks {

    public static final AsyncApiContract CONTRACT = AsyncApiContract.load();

    /** The order every shop example of the contract is about. */
    public static final String EXAMPLE_ORDER_ID = "5f0c6a1e-3f7b-4c55-9a43-0c6e1f3b2a10";

    private ContractChecks() {
    }

    /**
     * The body as its producer may send it (no field the contract does not name), the headers, and the AMQP
     * properties every shop message has: the content type, a message id, persistent delivery.
     */
    public static void assertSentAsContracted(String channelId, Delivery delivery) {
        MessageContract message = CONTRACT.messageOf(channelId);
        message.assertSent(new String(delivery.getBody(), StandardCharsets.UTF_8));
        message.assertHeaders(textHeaders(delivery.getProperties().getHeaders()));
        assertThat(delivery.getProperties().getContentType()).as("content type").isEqualTo(message.contentType());
        assertThat(delivery.getProperties().getMessageId()).as("message id").isNotBlank();
        assertThat(delivery.getProperties().getDeliveryMode()).as("delivery mode").isEqualTo(2);
    }

    /**
     * A shop example's payload about another order: tests publish the examples for orders of their own, so that
     * each one's effects and answers can be told apart.
     */
    public static String exampleFor(String channelId, String exampleName, String orderId) {
        return CONTRACT.messageOf(channelId).example(exampleName).payload().replace(EXAMPLE_ORDER_ID, orderId);
    }

    /** An example as a listener on {@code queue} receives it: its body and headers, a fresh message id. */
    public static InboundMessage asDelivery(String queue, String routingKey, MessageExample example) {
        return asDelivery(queue, routingKey, example.payload(), example.headers());
    }

    /** A body as a listener on {@code queue} receives it, with a fresh message id. */
    public static InboundMessage asDelivery(String queue, String routingKey, String body, Map<String, Object> headers) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .messageId(UUID.randomUUID().toString())
                .contentType("application/json")
                .deliveryMode(2)
                .headers(headers)
                .build();
        return new InboundMessage(queue, body.getBytes(StandardCharsets.UTF_8), properties,
                new Envelope(1, false, "", routingKey));
    }

    /** AMQP long strings arrive as byte-backed objects; the contract's header schemas speak of strings. */
    private static Map<String, Object> textHeaders(Map<String, Object> headers) {
        Map<String, Object> text = new HashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> text.put(name,
                    value instanceof Number || value instanceof Boolean || value == null ? value : value.toString()));
        }
        return text;
    }
}
