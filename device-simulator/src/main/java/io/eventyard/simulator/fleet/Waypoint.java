package io.eventyard.simulator.fleet;

/**
 * A corner of a route.
 *
 * @param point        where it is
 * @param speedLimitKmh the limit on the leg that ends here
 * @param stopChance   how likely a vehicle stops here (traffic light, junction, jam), 0..1
 */
public record Waypoint(GeoPoint point, double speedLimitKmh, double stopChance) {

    public static Waypoint at(double lat, double lon, double speedLimitKmh, double stopChance) {
        return new Waypoint(new GeoPoint(lat, lon), speedLimitKmh, stopChance);
    }
}
