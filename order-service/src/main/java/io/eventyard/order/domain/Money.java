package io.eventyard.order.domain;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount: a count of the currency's minor units (cents, pence; yen have none) and the ISO 4217
 * currency. Never a double: {@code 0.1 + 0.2} must stay {@code 0.30}.
 *
 * @param minorUnits the amount in minor units of {@code currency}
 * @param currency   the ISO 4217 currency; its fraction digits say what a minor unit is
 */
public record Money(long minorUnits, Currency currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    /**
     * Converts a decimal amount as a person writes it ({@code 19.99 EUR}) into minor units.
     *
     * @throws IllegalArgumentException when the amount has more decimals than the currency allows
     *                                  ({@code 19.999 EUR}, {@code 5.5 JPY}), or does not fit a long
     */
    public static Money of(BigDecimal amount, Currency currency) {
        int fractionDigits = fractionDigits(currency);
        BigDecimal scaled = amount.stripTrailingZeros();
        if (scaled.scale() > fractionDigits) {
            throw new IllegalArgumentException("has more than " + fractionDigits + " decimals, the most "
                    + currency.getCurrencyCode() + " allows");
        }
        try {
            return new Money(amount.movePointRight(fractionDigits).longValueExact(), currency);
        } catch (ArithmeticException tooLarge) {
            throw new IllegalArgumentException("is too large");
        }
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    /** The amount as a decimal with the currency's fraction digits, for people and for JSON. */
    public BigDecimal toDecimal() {
        return BigDecimal.valueOf(minorUnits, fractionDigits(currency));
    }

    public Money times(long quantity) {
        return new Money(Math.multiplyExact(minorUnits, quantity), currency);
    }

    public Money plus(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot add " + other.currency + " to " + currency);
        }
        return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
    }

    /** Fraction digits of the currency; pseudo-currencies (XAU, XXX) report -1 and count as whole units. */
    private static int fractionDigits(Currency currency) {
        return Math.max(currency.getDefaultFractionDigits(), 0);
    }

    @Override
    public String toString() {
        return toDecimal().toPlainString() + " " + currency.getCurrencyCode();
    }
}
