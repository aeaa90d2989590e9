package io.eventyard.shipping.shipment;

import java.util.Locale;
import java.util.Set;

/**
 * The simulated carriers and which one takes a parcel: a fixed rule on the destination country, so that
 * the same address always gets the same carrier.
 *
 * <table>
 *   <caption>Carrier by destination country</caption>
 *   <tr><th>country</th><th>carrier</th></tr>
 *   <tr><td>DE, AT, CH</td><td>DHL</td></tr>
 *   <tr><td>GB, IE</td><td>ROYAL_MAIL</td></tr>
 *   <tr><td>US, CA</td><td>UPS</td></tr>
 *   <tr><td>any other</td><td>DPD</td></tr>
 * </table>
 */
public enum Carrier {
    DHL("DHL", Set.of("DE", "AT", "CH")),
    ROYAL_MAIL("RM", Set.of("GB", "IE")),
    UPS("1Z", Set.of("US", "CA")),
    DPD("DPD", Set.of());

    private final String trackingPrefix;
    private final Set<String> countries;

    Carrier(String trackingPrefix, Set<String> countries) {
        this.trackingPrefix = trackingPrefix;
        this.countries = countries;
    }

    /** The carrier for an ISO 3166-1 alpha-2 country code (case-insensitive). */
    public static Carrier forCountry(String country) {
        String code = country.toUpperCase(Locale.ROOT);
        for (Carrier carrier : values()) {
            if (carrier.countries.contains(code)) {
                return carrier;
            }
        }
        return DPD;
    }

    /** How this carrier's tracking numbers begin. */
    public String trackingPrefix() {
        return trackingPrefix;
    }
}
