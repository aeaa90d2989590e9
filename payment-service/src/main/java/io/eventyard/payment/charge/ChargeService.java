package io.eventyard.payment.charge;

import io.eventyard.messaging.outbox.Outbox;
import io.eventyard.messaging.outbox.OutgoingMessage;
import io.eventyard.messaging.topology.RoutingKeys;
import io.eventyard.payment.events.OrderPaid;
import io.eventyard.payment.events.OrderPlaced;
import io.eventyard.payment.events.PaymentFailed;
import io.eventyard.payment.provider.ChargeOutcome;
import io.eventyard.payment.provider.ChargeRequest;
import io.eventyard.payment.provider.PaymentProvider;
import io.eventyard.payment.provider.ProviderGaveUpException;
import io.eventyard.payment.provider.ProviderRetries;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Charges a placed order once, and tells the shop whether it was paid. */
@Singleton
public class ChargeService {

    /** The {@code payment.failed} reason when every allowed provider attempt failed transiently. */
    public static final String PROVIDER_UNAVAILABLE = "provider unavailable";

    private static final Logger LOG = LoggerFactory.getLogger(ChargeService.class);

    private final PaymentRepository payments;
    private final PaymentProvider provider;
    private final ProviderRetries retries;
    private final Outbox outbox;

    public ChargeService(PaymentRepository payments, PaymentProvider provider, ProviderRetries retries,
                         Outbox outbox) {
        this.payments = payments;
        this.provider = provider;
        this.retries = retries;
        this.outbox = outbox;
    }

    /**
     * Charges the order unless it already has a payment (the same order sent again under another message id,
     * or cancelled first), and emits {@code order.paid} or {@code payment.failed} in the same transaction.
     */
    @Transactional
    public void charge(OrderPlaced order) {
        try (var orderId = MDC.putCloseable("orderId", order.orderId())) {
            if (payments.existsByOrderId(order.orderId())) {
                LOG.info("order already has a payment; not charging it again");
                return;
            }
            // The row is inserted before the provider is called: a concurrent handling of the same order
            // then fails on the unique order_id (and is redelivered, to find this payment) instead of
            // charging a second time.
            Payment pending = payments.save(
                    Payment.pending(order.orderId(), order.amountMinor(), order.currency(), Instant.now()));
            Payment settled = settle(pending, order);
            payments.update(settled);
            emit(settled, order);
        }
    }

    private Payment settle(Payment pending, OrderPlaced order) {
        ChargeRequest request =
                new ChargeRequest(order.orderId(), order.paymentToken(), order.amountMinor(), order.currency());
        try {
            ProviderRetries.Answered<ChargeOutcome> answer = retries.call("charge", () -> provider.charge(request));
            if (answer.value() instanceof ChargeOutcome.Approved approved) {
                return pending.paid(approved.chargeId(), answer.attempts(), Instant.now());
            }
            ChargeOutcome.Declined declined = (ChargeOutcome.Declined) answer.value();
            return pending.failed(declined.reason(), answer.attempts(), Instant.now());
        } catch (ProviderGaveUpException e) {
            return pending.failed(PROVIDER_UNAVAILABLE, e.attempts(), Instant.now());
        }
    }

    private void emit(Payment payment, OrderPlaced order) {
        if (payment.status() == PaymentStatus.PAID) {
            LOG.info("charged {} {} minor units in {} attempt(s)",
                    payment.currency(), payment.amountMinor(), payment.attempts());
            OrderPaid paid = new OrderPaid(payment.orderId(), payment.paymentId(), payment.amountMinor(),
                    payment.currency(), order.shippingAddress(), payment.updatedAt());
            outbox.add(OutgoingMessage.event(RoutingKeys.ORDER_PAID, payment.orderId(), paid));
        } else {
            LOG.info("payment failed: {}", payment.failureReason());
            PaymentFailed failed = new PaymentFailed(payment.orderId(), payment.failureReason(), payment.updatedAt());
            outbox.add(OutgoingMessage.event(RoutingKeys.PAYMENT_FAILED, payment.orderId(), failed));
        }
    }
}
