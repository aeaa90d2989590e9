package io.eventyard.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final Order placed = Order.place("o-1", "ada@example.com", "tok_approve", EUR,
            List.of(new OrderLine("BOOK-1", 2, new Money(1999, EUR)), new OrderLine("PEN-7", 1, new Money(150, EUR))),
            new ShippingAddress("Ada", "1 Way", "12345", "London", "GB"), T0);

    @Test
    void startsPendingPaymentWithItsTotalAndOneTimelineEntry() {
        assertThat(placed.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(placed.total()).isEqualTo(new Money(4148, EUR));
        assertThat(placed.timeline()).extracting(TimelineEntry::event).containsExactly(Order.PLACED);
    }

    @Test
    void goesFromPaidToShipped() {
        Order paid = placed.pay("pay-1", T0).after();
        Order shipped = paid.ship("shp-1", "DHL", "T-1", T0).after();

        assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
        assertThat(shipped.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(shipped.timeline()).extracting(TimelineEntry::event)
                .containsExactly(Order.PLACED, Order.PAID, Order.SHIPPED);
    }

    @Test
    void appliesEachMessageDrivenStepOnce() {
        Order paid = placed.pay("pay-1", T0).after();

        Change again = paid.pay("pay-2", T0);

        assertThat(again.isEmpty()).isTrue();
        assertThat(again.after()).isEqualTo(paid);
    }

    @Test
    void toleratesAShipmentThatOvertakesThePayment() {
        Order shipped = placed.ship("shp-1", "DHL", "T-1", T0).after();
        Change latePayment = shipped.pay("pay-1", T0);

        assertThat(shipped.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(latePayment.moved()).isFalse();
        assertThat(latePayment.after().status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(latePayment.entry()).get().extracting(TimelineEntry::event).isEqualTo(Order.PAID);
    }

    @Test
    void aFailedPaymentIsFinal() {
        Order failed = placed.failPayment("declined", T0).after();

        assertThat(failed.status()).isEqualTo(OrderStatus.PAYMENT_FAILED);
        assertThat(failed.pay("pay-1", T0).after().status()).isEqualTo(OrderStatus.PAYMENT_FAILED);
        assertThatThrownBy(() -> failed.cancel("x", T0)).isInstanceOf(OrderNotCancellableException.class);
    }

    @Test
    void aCancelledOrderRecordsLaterEventsButKeepsItsStatus() {
        Order cancelled = placed.cancel("changed my mind", T0).after();

        Change latePayment = cancelled.pay("pay-1", T0);
        Change lateShipment = latePayment.after().ship("shp-1", "DHL", "T-1", T0);

        assertThat(lateShipment.after().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(lateShipment.after().timeline()).extracting(TimelineEntry::event)
                .containsExactly(Order.PLACED, Order.CANCELLED, Order.PAID, Order.SHIPPED);
        assertThat(lateShipment.after().timeline()).extracting(TimelineEntry::status)
                .containsOnly(OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED);
    }

    @Test
    void cancelsWhilePendingOrPaidOnly() {
        assertThat(placed.cancel(null, T0).after().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(placed.pay("p", T0).after().cancel(null, T0).after().status()).isEqualTo(OrderStatus.CANCELLED);
        Order shipped = placed.ship("s", "DHL", "T", T0).after();
        Order cancelled = placed.cancel(null, T0).after();

        assertThatThrownBy(() -> shipped.cancel(null, T0)).isInstanceOf(OrderNotCancellableException.class);
        assertThatThrownBy(() -> cancelled.cancel(null, T0)).isInstanceOf(OrderNotCancellableException.class);
    }

    @Test
    void recordsARefundWithoutMovingTheStatus() {
        Order cancelled = placed.pay("p", T0).after().cancel(null, T0).after();

        Change refund = cancelled.recordRefund("ref-1", new Money(4148, EUR), T0);

        assertThat(refund.after().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(refund.entry()).get().extracting(TimelineEntry::note).asString().contains("41.48 EUR", "ref-1");
        assertThat(refund.after().recordRefund("ref-1", new Money(4148, EUR), T0).isEmpty()).isTrue();
    }
}
