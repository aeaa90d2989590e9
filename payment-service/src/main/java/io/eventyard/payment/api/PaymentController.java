package io.eventyard.payment.api;

import io.eventyard.payment.charge.PaymentRepository;
import io.eventyard.payment.refund.RefundRepository;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** Read-only view of payments; they are created by messages, never over HTTP. */
@Controller("/payments")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PaymentController {

    private final PaymentRepository payments;
    private final RefundRepository refunds;

    public PaymentController(PaymentRepository payments, RefundRepository refunds) {
        this.payments = payments;
        this.refunds = refunds;
    }

    @Get("/{orderId}")
    public PaymentView byOrder(String orderId) {
        return payments.findByOrderId(orderId)
                .map(payment -> PaymentView.of(payment, refunds.findByOrderIdOrderByRefundedAt(orderId)))
                .orElseThrow(() -> new PaymentNotFoundException(orderId));
    }
}
