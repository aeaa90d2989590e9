package io.eventyard.shipping.shipment;

import jakarta.inject.Singleton;
import java.security.SecureRandom;

/**
 * Issues tracking numbers: the carrier's prefix and 12 random digits. The table's unique constraint
 * catches the (about one in 10^12) collision; the message is then redelivered and gets a new number.
 */
@Singleton
public class TrackingNumbers {

    private static final int DIGITS = 12;

    private final SecureRandom random = new SecureRandom();

    public String next(Carrier carrier) {
        StringBuilder number = new StringBuilder(carrier.trackingPrefix());
        for (int i = 0; i < DIGITS; i++) {
            number.append((char) ('0' + random.nextInt(10)));
        }
        return number.toString();
    }
}
