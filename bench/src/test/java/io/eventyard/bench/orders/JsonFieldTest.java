package io.eventyard.bench.orders;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonFieldTest {

    @Test
    void takesATopLevelStringField() {
        String order = """
                {"id":"0b9e2c1a-7d51-4f5e-9a7c-2f1d3e4b5a69","status":"PENDING_PAYMENT","total":25.00}""";

        assertThat(JsonField.topLevel(order, "id")).contains("0b9e2c1a-7d51-4f5e-9a7c-2f1d3e4b5a69");
        assertThat(JsonField.topLevel(order, "total")).contains("25.00");
    }

    @Test
    void skipsFieldsOfNestedObjectsAndArrays() {
        String order = """
                { "items" : [ {"id": "line-1", "sku": "MUG-1"}, {"id": "line-2"} ],
                  "shippingAddress": {"id": "addr", "note": "a } and a ] in text"},
                  "id" : "order-7" }""";

        assertThat(JsonField.topLevel(order, "id")).contains("order-7");
    }

    @Test
    void unescapesStringsAndReadsNumbers() {
        String event = "{\"note\":\"say \\\"hi\\\"\",\"orderId\":\"a\\u00e9\\/b\",\"count\":-12}";

        assertThat(JsonField.topLevel(event, "orderId")).contains("aé/b");
        assertThat(JsonField.topLevel(event, "note")).contains("say \"hi\"");
        assertThat(JsonField.topLevel(event, "count")).contains("-12");
    }

    @Test
    void isEmptyWhenMissingNotAScalarOrNotAnObject() {
        assertThat(JsonField.topLevel("{\"orderId\":\"x\"}", "id")).isEmpty();
        assertThat(JsonField.topLevel("{\"id\":{\"value\":\"x\"}}", "id")).isEmpty();
        assertThat(JsonField.topLevel("{\"id\":null}", "id")).isEmpty();
        assertThat(JsonField.topLevel("[{\"id\":\"x\"}]", "id")).isEmpty();
        assertThat(JsonField.topLevel("{\"id\":\"unterminated", "id")).isEmpty();
        assertThat(JsonField.topLevel("", "id")).isEmpty();
        assertThat(JsonField.topLevel("<html>502</html>", "id")).isEmpty();
    }
}
