package io.eventyard.order.api;

import static io.eventyard.order.api.OrdersApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class IdempotencyKeyTest {

    @Inject
    @Client("/")
    HttpClient client;

    OrdersApi api;

    @BeforeEach
    void api() {
        api = new OrdersApi(client.toBlocking());
    }

    @Test
    void aRepeatedPostWithTheSameKeyReturnsTheSameOrder() {
        String key = UUID.randomUUID().toString();
        String body = OrdersApi.orderJson("EUR", "3.00").replace("ada@", "repeat@");

        HttpResponse<Map<String, Object>> first = api.place(body, key);
        HttpResponse<Map<String, Object>> second = api.place(body, key);

        assertThat(first.getStatus().getCode()).isEqualTo(201);
        assertThat(second.getStatus().getCode()).isEqualTo(200);
        assertThat(second.body().get("id")).isEqualTo(first.body().get("id"));
        assertThat(ordersOf("repeat@example.com")).isEqualTo(1);
    }

    @Test
    void differentKeysPlaceDifferentOrders() {
        String body = OrdersApi.orderJson("EUR", "4.00");

        Object first = api.place(body, UUID.randomUUID().toString()).body().get("id");
        Object second = api.place(body, UUID.randomUUID().toString()).body().get("id");

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aKeyReusedForADifferentOrderIsRefused() {
        String key = UUID.randomUUID().toString();
        api.place(OrdersApi.orderJson("EUR", "5.00"), key);

        HttpResponse<Map<String, Object>> reuse = api.place(OrdersApi.orderJson("EUR", "6.00"), key);

        assertThat(reuse.getStatus().getCode()).isEqualTo(422);
        assertThat(problem(reuse)).containsEntry("status", 422);
    }

    @Test
    void concurrentRepeatsOfOneKeyPlaceOneOrder() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = OrdersApi.orderJson("EUR", "7.00").replace("ada@", "racer@");
        int requests = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<HttpResponse<Map<String, Object>>>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.place(body, key);
                }));
            }
            start.countDown();
            List<Object> ids = new ArrayList<>();
            int created = 0;
            for (Future<HttpResponse<Map<String, Object>>> answer : answers) {
                HttpResponse<Map<String, Object>> response = answer.get();
                assertThat(response.getStatus().getCode()).isIn(200, 201);
                created += response.getStatus().getCode() == 201 ? 1 : 0;
                ids.add(response.body().get("id"));
            }

            assertThat(ids).hasSize(requests).containsOnly(ids.get(0));
            assertThat(created).isEqualTo(1);
            assertThat(ordersOf("racer@example.com")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @SuppressWarnings("unchecked")
    private long ordersOf(String email) {
        List<Map<String, Object>> orders =
                (List<Map<String, Object>>) api.list("?size=100").body().get("orders");
        return orders.stream().filter(order -> email.equals(order.get("customerEmail"))).count();
    }
}
