package io.eventyard.bench.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class OrderRequestBodyTest {

    @Test
    void isAnOrderOfOneLineWithItsOwnCustomerAndTheGivenToken() {
        String body = new String(new OrderRequestBody("r1x", "tok_approve").forOrder(42), StandardCharsets.UTF_8);

        assertThat(JsonField.topLevel(body, "customerEmail")).contains("load-r1x-42@example.com");
        assertThat(JsonField.topLevel(body, "currency")).contains("EUR");
        assertThat(JsonField.topLevel(body, "paymentToken")).contains("tok_approve");
        assertThat(body).contains("\"items\":[{\"sku\":\"MUG-1\",\"quantity\":2,\"unitPrice\":12.50}]")
                .contains("\"shippingAddress\":{\"name\":\"Load Generator\",\"street\":\"1 Bench Street\","
                        + "\"city\":\"London\",\"postalCode\":\"EC1A 1BB\",\"country\":\"GB\"}")
                .doesNotContain("\n");
    }

    @Test
    void acceptsOnlyRunIdsAndTokensThatNeedNoEscaping() {
        assertThatThrownBy(() -> new OrderRequestBody("a\"b", "tok_approve")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OrderRequestBody("r1", "tok\"")).isInstanceOf(IllegalArgumentException.class);
    }
}
