package io.eventyard.order.api;

import static io.eventyard.order.api.OrdersApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventyard.order.saga.OrderSaga;
import io.eventyard.order.saga.OrderShipped;
import io.eventyard.order.saga.PaymentFailed;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cancel rules over HTTP; the saga's steps are run directly (in a transaction) to reach the later states. */
@MicronautTest(transactional = false)
class OrderCancellationTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    OrderSaga saga;

    @Inject
    TransactionOperations<Connection> transactions;

    OrdersApi api;

    @BeforeEach
    void api() {
        api = new OrdersApi(client.toBlocking());
    }

    @Test
    void cancelsAPendingOrderAndRecordsItInTheTimeline() {
        String id = api.placeValid();

        HttpResponse<Map<String, Object>> response = api.cancel(id);

        assertThat(response.getStatus().getCode()).isEqualTo(200);
        assertThat(response.body()).containsEntry("status", "CANCELLED");
        assertThat(events(api.get(id).body())).containsExactly("order.placed", "order.cancelled");
    }

    @Test
    void refusesASecondCancel() {
        String id = api.placeValid();
        api.cancel(id);

        HttpResponse<Map<String, Object>> again = api.cancel(id);

        assertThat(again.getStatus().getCode()).isEqualTo(409);
        assertThat(again.getContentType()).hasValue(MediaType.of("application/problem+json"));
        assertThat(problem(again)).containsEntry("status", 409);
    }

    @Test
    void refusesToCancelAShippedOrder() {
        String id = api.placeValid();
        transactions.executeWrite(status ->
                saga.shipped(new OrderShipped(id, "shp-1", "DHL", "TRACK-1", Instant.now())));

        assertThat(api.cancel(id).getStatus().getCode()).isEqualTo(409);
        assertThat(api.get(id).body()).containsEntry("status", "SHIPPED");
    }

    @Test
    void refusesToCancelAnOrderWhosePaymentFailed() {
        String id = api.placeValid();
        transactions.executeWrite(status -> saga.paymentFailed(new PaymentFailed(id, "declined", Instant.now())));

        assertThat(api.cancel(id).getStatus().getCode()).isEqualTo(409);
        assertThat(api.get(id).body()).containsEntry("status", "PAYMENT_FAILED");
    }

    @Test
    void answersACancelOfAnUnknownOrderWith404() {
        assertThat(api.cancel("no-such-order").getStatus().getCode()).isEqualTo(404);
    }

    @SuppressWarnings("unchecked")
    private static List<String> events(Map<String, Object> order) {
        return ((List<Map<String, Object>>) order.get("timeline")).stream().map(e -> (String) e.get("event")).toList();
    }
}
