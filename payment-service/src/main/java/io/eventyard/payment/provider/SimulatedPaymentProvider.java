package io.eventyard.payment.provider;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic stand-in for a card provider: the payment token decides the outcome.
 *
 * <table>
 *   <caption>Outcome by token</caption>
 *   <tr><th>token</th><th>charge</th></tr>
 *   <tr><td>{@code tok_approve}</td><td>approved</td></tr>
 *   <tr><td>{@code tok_decline}</td><td>declined, "card declined"</td></tr>
 *   <tr><td>{@code tok_insufficient_funds}</td><td>declined, "insufficient funds"</td></tr>
 *   <tr><td>{@code tok_transient_<n>}</td><td>unavailable for the first n calls with one idempotency key, then approved</td></tr>
 *   <tr><td>{@code tok_transient_always}</td><td>always unavailable</td></tr>
 *   <tr><td>anything else</td><td>declined, "unknown payment token"</td></tr>
 * </table>
 *
 * Charge ids are {@code sim_ch_<idempotency key>} and refund ids {@code sim_re_<idempotency key>}, so a
 * repeated call answers the same reference. Refunds always succeed. The transient-failure counters live
 * in memory: a restart starts them again.
 */
@Singleton
public class SimulatedPaymentProvider implements PaymentProvider {

    public static final String APPROVE = "tok_approve";
    public static final String DECLINE = "tok_decline";
    public static final String INSUFFICIENT_FUNDS = "tok_insufficient_funds";
    public static final String TRANSIENT_ALWAYS = "tok_transient_always";
    private static final Pattern TRANSIENT_N = Pattern.compile("tok_transient_(\\d{1,4})");

    private final Map<String, Integer> transientFailuresSoFar = new ConcurrentHashMap<>();

    @Override
    public ChargeOutcome charge(ChargeRequest request) {
        String token = request.paymentToken();
        Matcher transientN = TRANSIENT_N.matcher(token);
        if (transientN.matches()) {
            failTheFirstCalls(request.idempotencyKey(), Integer.parseInt(transientN.group(1)));
            return approved(request);
        }
        return switch (token) {
            case APPROVE -> approved(request);
            case DECLINE -> new ChargeOutcome.Declined("card declined");
            case INSUFFICIENT_FUNDS -> new ChargeOutcome.Declined("insufficient funds");
            case TRANSIENT_ALWAYS -> throw new ProviderUnavailableException("simulated outage (" + token + ")");
            default -> new ChargeOutcome.Declined("unknown payment token");
        };
    }

    @Override
    public RefundReceipt refund(RefundRequest request) {
        return new RefundReceipt("sim_re_" + request.idempotencyKey());
    }

    private void failTheFirstCalls(String idempotencyKey, int failures) {
        int failedSoFar = transientFailuresSoFar.merge(idempotencyKey, 1, Integer::sum) - 1;
        if (failedSoFar < failures) {
            throw new ProviderUnavailableException(
                    "simulated transient failure " + (failedSoFar + 1) + " of " + failures);
        }
    }

    private static ChargeOutcome approved(ChargeRequest request) {
        return new ChargeOutcome.Approved("sim_ch_" + request.idempotencyKey());
    }
}
