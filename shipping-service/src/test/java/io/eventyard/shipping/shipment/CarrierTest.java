package io.eventyard.shipping.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CarrierTest {

    @Test
    void picksTheCarrierByDestinationCountry() {
        assertThat(Carrier.forCountry("DE")).isEqualTo(Carrier.DHL);
        assertThat(Carrier.forCountry("ch")).isEqualTo(Carrier.DHL);
        assertThat(Carrier.forCountry("GB")).isEqualTo(Carrier.ROYAL_MAIL);
        assertThat(Carrier.forCountry("US")).isEqualTo(Carrier.UPS);
    }

    @Test
    void fallsBackToDpdForEveryOtherCountry() {
        assertThat(Carrier.forCountry("FR")).isEqualTo(Carrier.DPD);
        assertThat(Carrier.forCountry("JP")).isEqualTo(Carrier.DPD);
    }

    @Test
    void issuesTrackingNumbersWithTheCarriersPrefixAndTwelveDigits() {
        TrackingNumbers numbers = new TrackingNumbers();
        assertThat(numbers.next(Carrier.UPS)).matches("1Z\\d{12}");
        assertThat(numbers.next(Carrier.DHL)).matches("DHL\\d{12}");
        assertThat(numbers.next(Carrier.DPD)).isNotEqualTo(numbers.next(Carrier.DPD));
    }
}
