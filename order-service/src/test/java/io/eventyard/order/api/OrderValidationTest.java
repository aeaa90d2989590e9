package io.eventyard.order.api;

import static io.eventyard.order.api.OrdersApi.fieldsOf;
import static io.eventyard.order.api.OrdersApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class OrderValidationTest {

    @Inject
    @Client("/")
    HttpClient client;

    OrdersApi api;

    @BeforeEach
    void api() {
        api = new OrdersApi(client.toBlocking());
    }

    @Test
    void placesAValidOrderAsPendingPaymentWithExactTotals() {
        HttpResponse<Map<String, Object>> response = api.place(OrdersApi.validOrderJson());

        assertThat(response.getStatus().getCode()).isEqualTo(201);
        Map<String, Object> order = response.body();
        assertThat(order).containsEntry("status", "PENDING_PAYMENT")
                .containsEntry("currency", "EUR")
                .containsEntry("totalMinor", 4148);
        assertThat(order.get("total").toString()).isEqualTo("41.48");
        assertThat(response.header(HttpHeaders.LOCATION)).isEqualTo("/orders/" + order.get("id"));
    }

    @Test
    void namesEveryMissingOrInvalidField() {
        String json = """
                {"customerEmail":"not-an-address","currency":"euro",
                 "items":[{"sku":"","quantity":0,"unitPrice":-1},{"sku":"X","quantity":2}],
                 "shippingAddress":{"name":"Ada","street":"","postalCode":"1","city":"London","country":"Britain"},
                 "paymentToken":"visa"}
                """;

        HttpResponse<Map<String, Object>> response = api.place(json);

        assertThat(response.getStatus().getCode()).isEqualTo(400);
        assertThat(response.getContentType()).hasValue(MediaType.of("application/problem+json"));
        Map<String, Object> problem = problem(response);
        assertThat(problem).containsEntry("status", 400).containsKey("title");
        assertThat(fieldsOf(problem)).containsExactlyInAnyOrder(
                "customerEmail", "currency", "items[0].sku", "items[0].quantity", "items[0].unitPrice",
                "items[1].unitPrice", "shippingAddress.street", "shippingAddress.country", "paymentToken");
    }

    @Test
    void rejectsAnEmptyOrderAndAMissingAddress() {
        HttpResponse<Map<String, Object>> response =
                api.place("{\"customerEmail\":\"ada@example.com\",\"currency\":\"EUR\",\"items\":[]}");

        assertThat(response.getStatus().getCode()).isEqualTo(400);
        assertThat(fieldsOf(problem(response))).containsExactlyInAnyOrder("items", "shippingAddress");
    }

    @Test
    void rejectsAUnitPriceWithMoreDecimalsThanTheCurrencyHas() {
        HttpResponse<Map<String, Object>> cents = api.place(OrdersApi.orderJson("EUR", "19.999"));
        HttpResponse<Map<String, Object>> yen = api.place(OrdersApi.orderJson("JPY", "500.5").replace("1.5", "2"));

        assertThat(cents.getStatus().getCode()).isEqualTo(400);
        assertThat(fieldsOf(problem(cents))).containsExactly("items[0].unitPrice");
        assertThat(yen.getStatus().getCode()).isEqualTo(400);
        assertThat(fieldsOf(problem(yen))).containsExactly("items[0].unitPrice");
    }

    @Test
    void acceptsWholeYenAndTrailingZeros() {
        HttpResponse<Map<String, Object>> yen = api.place(OrdersApi.orderJson("JPY", "500").replace("1.5", "2.000"));

        assertThat(yen.getStatus().getCode()).isEqualTo(201);
        assertThat(yen.body()).containsEntry("totalMinor", 1002);
    }

    @Test
    void rejectsAnUnknownCurrency() {
        HttpResponse<Map<String, Object>> response = api.place(OrdersApi.orderJson("XYZ", "1.00"));

        assertThat(response.getStatus().getCode()).isEqualTo(400);
        assertThat(fieldsOf(problem(response))).containsExactly("currency");
    }

    @Test
    void answersMalformedJsonWithAProblem() {
        HttpResponse<Map<String, Object>> response = api.place("{\"customerEmail\": \"ada@example.com\", items: [");

        assertThat(response.getStatus().getCode()).isEqualTo(400);
        assertThat(response.getContentType()).hasValue(MediaType.of("application/problem+json"));
        assertThat(problem(response)).containsEntry("status", 400);
    }

    @Test
    void answersAWronglyTypedFieldWithAProblem() {
        HttpResponse<Map<String, Object>> response =
                api.place(OrdersApi.validOrderJson().replace("\"quantity\":2", "\"quantity\":\"two\""));

        assertThat(response.getStatus().getCode()).isEqualTo(400);
        assertThat(response.getContentType()).hasValue(MediaType.of("application/problem+json"));
    }

    @Test
    void answersAnUnknownOrderWith404Problem() {
        HttpResponse<Map<String, Object>> response = api.get("no-such-order");

        assertThat(response.getStatus().getCode()).isEqualTo(404);
        assertThat(response.getContentType()).hasValue(MediaType.of("application/problem+json"));
        assertThat(problem(response)).containsEntry("status", 404);
    }

    @Test
    void rejectsAnUnknownStatusFilterAndAnOversizedPage() {
        assertThat(api.list("?status=LOST").getStatus().getCode()).isEqualTo(400);
        HttpResponse<Map<String, Object>> tooBig = api.list("?size=1000");
        assertThat(tooBig.getStatus().getCode()).isEqualTo(400);
        assertThat(fieldsOf(problem(tooBig))).containsExactly("size");
    }

    @Test
    void servesTheOpenApiDocument() {
        String yaml = client.toBlocking().retrieve(HttpRequest.GET("/swagger/order-service-0.1.yml"));

        assertThat(yaml).contains("openapi:", "/orders/{id}/cancel", "PlaceOrderRequest", "Idempotency-Key");
    }
}
