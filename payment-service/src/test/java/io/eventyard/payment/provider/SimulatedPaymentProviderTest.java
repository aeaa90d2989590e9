package io.eventyard.payment.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SimulatedPaymentProviderTest {

    private final SimulatedPaymentProvider provider = new SimulatedPaymentProvider();

    private ChargeOutcome charge(String orderId, String token) {
        return provider.charge(new ChargeRequest(orderId, token, 1999, "EUR"));
    }

    @Test
    void approvesTheApproveTokenWithAChargeIdNamedAfterTheIdempotencyKey() {
        assertThat(charge("o-1", "tok_approve")).isEqualTo(new ChargeOutcome.Approved("sim_ch_o-1"));
    }

    @Test
    void declinesTheDeclineToken() {
        assertThat(charge("o-1", "tok_decline")).isEqualTo(new ChargeOutcome.Declined("card declined"));
    }

    @Test
    void declinesInsufficientFundsWithThatReason() {
        assertThat(charge("o-1", "tok_insufficient_funds")).isEqualTo(new ChargeOutcome.Declined("insufficient funds"));
    }

    @Test
    void declinesUnknownTokens() {
        assertThat(charge("o-1", "tok_whatever")).isEqualTo(new ChargeOutcome.Declined("unknown payment token"));
        assertThat(charge("o-1", "tok_transient_")).isEqualTo(new ChargeOutcome.Declined("unknown payment token"));
    }

    @Test
    void failsTransientlyNTimesPerIdempotencyKeyThenApproves() {
        assertThatThrownBy(() -> charge("o-1", "tok_transient_2")).isInstanceOf(ProviderUnavailableException.class);
        assertThatThrownBy(() -> charge("o-1", "tok_transient_2")).isInstanceOf(ProviderUnavailableException.class);
        assertThatThrownBy(() -> charge("o-2", "tok_transient_2")).isInstanceOf(ProviderUnavailableException.class);
        assertThat(charge("o-1", "tok_transient_2")).isEqualTo(new ChargeOutcome.Approved("sim_ch_o-1"));
        assertThat(charge("o-1", "tok_transient_2")).isEqualTo(new ChargeOutcome.Approved("sim_ch_o-1"));
    }

    @Test
    void approvesTransientZeroAtOnce() {
        assertThat(charge("o-1", "tok_transient_0")).isEqualTo(new ChargeOutcome.Approved("sim_ch_o-1"));
    }

    @Test
    void failsTransientAlwaysEveryTime() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> charge("o-1", "tok_transient_always"))
                    .isInstanceOf(ProviderUnavailableException.class);
        }
    }

    @Test
    void refundsWithAReferenceNamedAfterTheIdempotencyKey() {
        assertThat(provider.refund(new RefundRequest("o-1", "sim_ch_o-1", 1999, "EUR")))
                .isEqualTo(new RefundReceipt("sim_re_o-1"));
    }
}
