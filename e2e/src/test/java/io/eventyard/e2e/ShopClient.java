package io.eventyard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Function;

/** What a user does over HTTP: place an order, look at it, its payment and its shipment. */
final class ShopClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Function<String, String> baseUrl;

    /** @param baseUrl a service's base URL by its name ({@code order-service}, ...) */
    ShopClient(Function<String, String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Places an order for {@code email} paid with {@code paymentToken}; returns the new order's id. */
    String placeOrder(String email, String paymentToken) throws IOException, InterruptedException {
        return placeOrder(email, paymentToken, null);
    }

    /** As {@link #placeOrder(String, String)}, as part of the W3C trace {@code traceparent} when not null. */
    String placeOrder(String email, String paymentToken, String traceparent) throws IOException, InterruptedException {
        String body = """
                {"customerEmail": "%s",
                 "currency": "EUR",
                 "paymentToken": "%s",
                 "items": [{"sku": "MUG-1", "quantity": 2, "unitPrice": "12.50"},
                           {"sku": "TEA-7", "quantity": 1, "unitPrice": "4.99"}],
                 "shippingAddress": {"name": "Ada Lovelace", "street": "1 Analytical Way", "city": "London",
                                     "postalCode": "N1 9GU", "country": "GB"}}
                """.formatted(email, paymentToken);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl.apply("order-service") + "/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /orders answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("id").asText();
    }

    String orderStatus(String orderId) throws IOException, InterruptedException {
        JsonNode order = get("order-service", "/orders/" + orderId);
        return order == null ? null : order.get("status").asText();
    }

    JsonNode payment(String orderId) throws IOException, InterruptedException {
        return get("payment-service", "/payments/" + orderId);
    }

    JsonNode shipment(String orderId) throws IOException, InterruptedException {
        return get("shipping-service", "/shipments/" + orderId);
    }

    /** The JSON at {@code path}, or null on 404. */
    JsonNode get(String service, String path) throws IOException, InterruptedException {
        URI uri = URI.create(baseUrl.apply(service) + path);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
