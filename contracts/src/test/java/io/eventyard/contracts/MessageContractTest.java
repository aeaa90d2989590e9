package io.eventyard.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a payload is judged: the validator's behaviour on the real document. */
class MessageContractTest {

    private static final AsyncApiContract CONTRACT = AsyncApiContract.load();

    @Test
    void aMissingRequiredFieldIsNamed() {
        String withoutToken = """
                {"orderId":"o-1","customerEmail":"a@example.org","amountMinor":1,"currency":"EUR",
                 "items":[{"sku":"A","quantity":1,"unitPriceMinor":1}],
                 "shippingAddress":{"name":"A","street":"B","postalCode":"1","city":"C","country":"DE"},
                 "placedAt":"2026-01-01T00:00:00Z"}""";

        assertThat(CONTRACT.message("OrderPlaced").violationsAsReceived(withoutToken))
                .singleElement().satisfies(violation -> {
                    assertThat(violation.location()).isEqualTo("$");
                    assertThat(violation.message()).contains("paymentToken");
                });
    }

    @Test
    void anUnknownFieldMayBeReceivedButNotSent() {
        String withExtra = """
                {"orderId":"o-1","reason":"declined","failedAt":"2026-01-01T00:00:00Z","retryable":false}""";
        MessageContract failed = CONTRACT.message("PaymentFailed");

        assertThat(failed.violationsAsReceived(withExtra)).isEmpty();
        assertThat(failed.violationsAsSent(withExtra)).singleElement()
                .satisfies(violation -> assertThat(violation.message()).contains("retryable"));
        assertThatThrownBy(() -> failed.assertSent(withExtra))
                .isInstanceOf(ContractViolationException.class)
                .hasMessageContaining("PaymentFailed").hasMessageContaining("retryable");
    }

    @Test
    void nestedObjectsAreClosedForProducersToo() {
        String renamedZip = CONTRACT.message("OrderPaid").example("paid").payload()
                .replace("\"postalCode\"", "\"zip\"");

        assertThat(CONTRACT.message("OrderPaid").violationsAsSent(renamedZip))
                .extracting(ContractViolation::toString)
                .anyMatch(v -> v.startsWith("$.shippingAddress") && v.contains("zip"))
                .anyMatch(v -> v.startsWith("$.shippingAddress") && v.contains("postalCode"));
    }

    @Test
    void formatsTypesAndPatternsAreChecked() {
        MessageContract paid = CONTRACT.message("PaymentRefunded");
        String bad = """
                {"orderId":"o-1","refundId":"r","amountMinor":12.5,"currency":"eur","refundedAt":"yesterday"}""";

        assertThat(paid.violationsAsReceived(bad)).extracting(ContractViolation::location)
                .containsExactlyInAnyOrder("$.amountMinor", "$.currency", "$.refundedAt");
    }

    @Test
    void somethingThatIsNotJsonIsAViolationNotAnException() {
        assertThat(CONTRACT.message("OrderShipped").violationsAsReceived("{\"orderId\":"))
                .singleElement().satisfies(violation -> assertThat(violation.message()).startsWith("not JSON"));
        assertThat(CONTRACT.message("LightState").violationsAsReceived("{} {}")).isNotEmpty();
    }

    @Test
    void aPlainTextPayloadIsJudgedAsText() {
        MessageContract status = CONTRACT.message("DeviceStatus");

        assertThat(status.contentType()).isEqualTo("text/plain");
        assertThat(status.violationsAsSent("online")).isEmpty();
        assertThat(status.violationsAsSent("asleep")).isNotEmpty();
        assertThat(status.example("will").payload()).isEqualTo("offline");
    }

    @Test
    void aTemplatesModelKeysAreRequired() {
        String noTracking = """
                {"to":"a@example.org","template":"shipment-notice","model":{"orderId":"o-1","carrier":"DHL"}}""";

        assertThat(CONTRACT.message("EmailCommand").violationsAsSent(noTracking))
                .extracting(ContractViolation::toString).anyMatch(v -> v.contains("trackingNumber"));
    }

    @Test
    void eitherVehicleFormatButNotAMixOfBoth() {
        MessageContract location = CONTRACT.message("VehicleLocation");

        assertThat(location.violationsAsSent(location.example("eventyard").payload())).isEmpty();
        assertThat(location.violationsAsSent(location.example("owntracks").payload())).isEmpty();
        assertThat(location.violationsAsSent("{\"lat\":91,\"lon\":0}")).isNotEmpty();
        assertThat(location.violationsAsSent("{\"_type\":\"location\",\"lat\":1,\"lon\":2,\"speedKmh\":3}"))
                .isNotEmpty();
    }

    @Test
    void headersComeFromTheMessagesTrait() {
        MessageContract placed = CONTRACT.message("OrderPlaced");

        assertThat(placed.contentType()).isEqualTo("application/json");
        assertThat(placed.headerViolations(Map.of("x-eventyard-aggregate-id", "o-1",
                "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))).isEmpty();
        assertThat(placed.headerViolations(Map.of("traceparent", "not-a-trace")))
                .extracting(ContractViolation::toString)
                .anyMatch(v -> v.contains("x-eventyard-aggregate-id")).anyMatch(v -> v.contains("traceparent"));
    }

    @Test
    void anMqttTopicFindsTheChannelWithTheMostLiteralLevels() {
        assertThat(CONTRACT.messageOnTopic("home/kitchen/temperature").name()).isEqualTo("SensorReading");
        assertThat(CONTRACT.messageOnTopic("home/kitchen/status").name()).isEqualTo("DeviceStatus");
        assertThat(CONTRACT.messageOnTopic("home/lights/lamp-1").name()).isEqualTo("LightState");
        assertThat(CONTRACT.messageOnTopic("home/lights/lamp-1/set").name()).isEqualTo("LightCommand");
        assertThat(CONTRACT.messageOnTopic("fleet/vehicle/car-1/location").name()).isEqualTo("VehicleLocation");
        assertThatThrownBy(() -> CONTRACT.messageOnTopic("garden/shed")).isInstanceOf(IllegalArgumentException.class);
    }
}
