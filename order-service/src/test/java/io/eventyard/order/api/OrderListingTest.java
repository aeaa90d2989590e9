package io.eventyard.order.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Five orders, two of them cancelled, in a database of their own. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderListingTest {

    @Inject
    @Client("/")
    HttpClient client;

    OrdersApi api;
    final List<String> placed = new ArrayList<>();

    @BeforeAll
    void placeOrders() {
        api = new OrdersApi(client.toBlocking());
        for (int i = 0; i < 5; i++) {
            placed.add(api.placeValid());
        }
        api.cancel(placed.get(1));
        api.cancel(placed.get(3));
    }

    @Test
    void pagesThroughAllOrdersNewestFirst() {
        Map<String, Object> first = api.list("?page=0&size=2").body();
        Map<String, Object> third = api.list("?page=2&size=2").body();

        assertThat(first).containsEntry("totalCount", 5).containsEntry("totalPages", 3)
                .containsEntry("page", 0).containsEntry("size", 2);
        assertThat(ids(first)).containsExactly(placed.get(4), placed.get(3));
        assertThat(ids(third)).containsExactly(placed.get(0));
    }

    @Test
    void filtersByStatus() {
        Map<String, Object> cancelled = api.list("?status=CANCELLED").body();
        Map<String, Object> pending = api.list("?status=PENDING_PAYMENT&size=2&page=1").body();

        assertThat(cancelled).containsEntry("totalCount", 2);
        assertThat(ids(cancelled)).containsExactly(placed.get(3), placed.get(1));
        assertThat(pending).containsEntry("totalCount", 3);
        assertThat(ids(pending)).containsExactly(placed.get(0));
    }

    @Test
    void defaultsToTheFirstPageOfTwenty() {
        Map<String, Object> page = api.list("").body();

        assertThat(page).containsEntry("page", 0).containsEntry("size", 20);
        assertThat(ids(page)).hasSize(5);
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("orders")).stream().map(o -> (String) o.get("id")).toList();
    }
}
