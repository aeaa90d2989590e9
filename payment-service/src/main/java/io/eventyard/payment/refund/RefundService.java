package io.eventyard.payment.refund;

import io.eventyard.messaging.outbox.Outbox;
import io.eventyard.messaging.outbox.OutgoingMessage;
import io.eventyard.messaging.topology.RoutingKeys;
import io.eventyard.payment.charge.Payment;
import io.eventyard.payment.charge.PaymentRepository;
import io.eventyard.payment.events.OrderCancelled;
import io.eventyard.payment.events.PaymentRefunded;
import io.eventyard.payment.provider.PaymentProvider;
import io.eventyard.payment.provider.ProviderRetries;
import io.eventyard.payment.provider.RefundReceipt;
import io.eventyard.payment.provider.RefundRequest;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The compensation of a cancelled order: pays back what was charged, once. */
@Singleton
public class RefundService {

    private static final Logger LOG = LoggerFactory.getLogger(RefundService.class);

    private final PaymentRepository payments;
    private final RefundRepository refunds;
    private final PaymentProvider provider;
    private final ProviderRetries retries;
    private final Outbox outbox;

    public RefundService(PaymentRepository payments, RefundRepository refunds, PaymentProvider provider,
                         ProviderRetries retries, Outbox outbox) {
        this.payments = payments;
        this.refunds = refunds;
        this.provider = provider;
        this.retries = retries;
        this.outbox = outbox;
    }

    /**
     * Refunds a paid order in full and emits {@code payment.refunded}; does nothing for an order that was
     * never charged or is refunded already. The amount refunded is the amount this service charged, whatever
     * the message says. If the provider stays unavailable the exception propagates: the message is
     * redelivered once and then parked in {@code shop.dead}, nothing is recorded.
     */
    @Transactional
    public void refund(OrderCancelled cancellation) {
        try (var orderId = MDC.putCloseable("orderId", cancellation.orderId())) {
            Optional<Payment> found = payments.findByOrderId(cancellation.orderId());
            if (found.isEmpty()) {
                // order.placed may still be waiting in its queue: claim the order so that it is never charged.
                payments.save(Payment.cancelledBeforeCharge(
                        cancellation.orderId(), cancellation.amountMinor(), cancellation.currency(), Instant.now()));
                LOG.info("order cancelled before it was charged; it will not be charged");
                return;
            }
            Payment payment = found.get();
            switch (payment.status()) {
                case PAID -> refundInFull(payment, cancellation);
                case FAILED, REFUNDED, CANCELLED ->
                        LOG.info("nothing to refund: payment is {}", payment.status());
                case PENDING -> throw new IllegalStateException("a committed payment is never PENDING: " + payment);
            }
        }
    }

    private void refundInFull(Payment payment, OrderCancelled cancellation) {
        if (payment.amountMinor() != cancellation.amountMinor() || !payment.currency().equals(cancellation.currency())) {
            LOG.warn("cancellation says {} {} but {} {} was charged; refunding what was charged",
                    cancellation.currency(), cancellation.amountMinor(), payment.currency(), payment.amountMinor());
        }
        RefundRequest request = new RefundRequest(payment.orderId(), payment.providerReference(),
                payment.amountMinor(), payment.currency());
        RefundReceipt receipt = retries.call("refund", () -> provider.refund(request)).value();
        Instant now = Instant.now();
        Refund refund = refunds.save(new Refund(null, payment.orderId(), receipt.refundId(),
                payment.amountMinor(), payment.currency(), now));
        payments.update(payment.refunded(now));
        LOG.info("refunded {} {} minor units", refund.currency(), refund.amountMinor());
        PaymentRefunded refunded = new PaymentRefunded(refund.orderId(), refund.refundId(),
                refund.amountMinor(), refund.currency(), refund.refundedAt());
        outbox.add(OutgoingMessage.event(RoutingKeys.PAYMENT_REFUNDED, refund.orderId(), refunded));
    }
}
