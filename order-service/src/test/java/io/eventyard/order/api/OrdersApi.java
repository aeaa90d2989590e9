package io.eventyard.order.api;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.util.List;
import java.util.Map;

/**
 * The orders API as a test client sees it: raw JSON in, maps out, and error answers as responses
 * rather than exceptions, so that tests look at status, content type and body alike. Public for the
 * contract test, which places and cancels orders as a customer would.
 */
public final class OrdersApi {

    static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    private final BlockingHttpClient client;

    public OrdersApi(BlockingHttpClient client) {
        this.client = client;
    }

    static String orderJson(String currency, String unitPrice) {
        return """
                {"customerEmail":"ada@example.com","currency":"%s",
                 "items":[{"sku":"BOOK-1","quantity":2,"unitPrice":%s},{"sku":"PEN-7","quantity":1,"unitPrice":1.5}],
                 "shippingAddress":{"name":"Ada Lovelace","street":"1 Analytical Way","postalCode":"12345",
                                    "city":"London","country":"GB"}}
                """.formatted(currency, unitPrice);
    }

    static String validOrderJson() {
        return orderJson("EUR", "19.99");
    }

    HttpResponse<Map<String, Object>> place(String json) {
        return exchange(HttpRequest.POST("/orders", json).contentType(MediaType.APPLICATION_JSON));
    }

    HttpResponse<Map<String, Object>> place(String json, String idempotencyKey) {
        return exchange(HttpRequest.POST("/orders", json).contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", idempotencyKey));
    }

    public String placeValid() {
        return (String) place(validOrderJson()).body().get("id");
    }

    public HttpResponse<Map<String, Object>> get(String id) {
        return exchange(HttpRequest.GET("/orders/" + id));
    }

    HttpResponse<Map<String, Object>> list(String query) {
        return exchange(HttpRequest.GET("/orders" + query));
    }

    public HttpResponse<Map<String, Object>> cancel(String id) {
        return exchange(HttpRequest.POST("/orders/" + id + "/cancel", "{\"reason\":\"changed my mind\"}")
                .contentType(MediaType.APPLICATION_JSON));
    }

    HttpResponse<Map<String, Object>> exchange(MutableHttpRequest<?> request) {
        try {
            return client.exchange(request, JSON);
        } catch (HttpClientResponseException error) {
            @SuppressWarnings("unchecked")
            HttpResponse<Map<String, Object>> response = (HttpResponse<Map<String, Object>>) error.getResponse();
            return response;
        }
    }

    /** The error body of a failed exchange, parsed as a problem. */
    static Map<String, Object> problem(HttpResponse<Map<String, Object>> response) {
        return response.getBody(JSON).orElseThrow(() -> new AssertionError("no problem body in " + response));
    }

    @SuppressWarnings("unchecked")
    static List<String> fieldsOf(Map<String, Object> problem) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.get("errors");
        return errors.stream().map(error -> (String) error.get("field")).toList();
    }
}
