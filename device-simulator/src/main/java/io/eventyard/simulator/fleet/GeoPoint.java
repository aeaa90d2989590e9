package io.eventyard.simulator.fleet;

/** A point on the earth (WGS 84 degrees), with the spherical geometry a vehicle on a short route needs. */
public record GeoPoint(double lat, double lon) {

    private static final double EARTH_RADIUS_M = 6_371_000;

    /** Great-circle distance in metres (haversine). */
    public double distanceTo(GeoPoint other) {
        double dLat = Math.toRadians(other.lat - lat);
        double dLon = Math.toRadians(other.lon - lon);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat)) * Math.cos(Math.toRadians(other.lat)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(a));
    }

    /** Initial bearing towards {@code other}: degrees clockwise from north, 0 ≤ heading < 360. */
    public double bearingTo(GeoPoint other) {
        double phi1 = Math.toRadians(lat);
        double phi2 = Math.toRadians(other.lat);
        double dLon = Math.toRadians(other.lon - lon);
        double y = Math.sin(dLon) * Math.cos(phi2);
        double x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLon);
        return (Math.toDegrees(Math.atan2(y, x)) + 360) % 360;
    }

    /**
     * The point {@code fraction} (0..1) of the way to {@code other}. Linear in degrees: over the few kilometres of
     * a city leg the error against the great circle is centimetres.
     */
    public GeoPoint towards(GeoPoint other, double fraction) {
        return new GeoPoint(lat + (other.lat - lat) * fraction, lon + (other.lon - lon) * fraction);
    }
}
