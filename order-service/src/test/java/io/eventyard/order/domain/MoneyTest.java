package io.eventyard.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class MoneyTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final Currency BHD = Currency.getInstance("BHD");

    @Test
    void convertsDecimalsToMinorUnitsOfTheCurrency() {
        assertThat(Money.of(new BigDecimal("19.99"), EUR).minorUnits()).isEqualTo(1999);
        assertThat(Money.of(new BigDecimal("500"), JPY).minorUnits()).isEqualTo(500);
        assertThat(Money.of(new BigDecimal("1.234"), BHD).minorUnits()).isEqualTo(1234);
        assertThat(Money.of(new BigDecimal("2.50000"), EUR).minorUnits()).isEqualTo(250);
    }

    @Test
    void rejectsMoreDecimalsThanTheCurrencyHas() {
        assertThatThrownBy(() -> Money.of(new BigDecimal("19.999"), EUR)).hasMessageContaining("2 decimals");
        assertThatThrownBy(() -> Money.of(new BigDecimal("0.5"), JPY)).hasMessageContaining("0 decimals");
    }

    @Test
    void rejectsAnAmountBeyondALong() {
        assertThatThrownBy(() -> Money.of(new BigDecimal("1e30"), EUR)).hasMessageContaining("too large");
    }

    @Test
    void addsAndMultipliesExactly() {
        Money tenCents = Money.of(new BigDecimal("0.10"), EUR);
        Money twentyCents = Money.of(new BigDecimal("0.20"), EUR);

        assertThat(tenCents.plus(twentyCents).toDecimal()).isEqualByComparingTo("0.30");
        assertThat(tenCents.times(3).toString()).isEqualTo("0.30 EUR");
    }

    @Test
    void refusesToAddDifferentCurrencies() {
        assertThatThrownBy(() -> new Money(1, EUR).plus(new Money(1, JPY))).isInstanceOf(IllegalArgumentException.class);
    }
}
