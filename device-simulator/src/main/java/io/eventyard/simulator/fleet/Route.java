package io.eventyard.simulator.fleet;

import java.util.List;

/** A closed loop of waypoints: after the last one the vehicle drives back to the first. */
public record Route(String name, List<Waypoint> waypoints) {

    public Route {
        if (waypoints.size() < 2) {
            throw new IllegalArgumentException("a route needs at least two waypoints");
        }
        waypoints = List.copyOf(waypoints);
    }

    public int legs() {
        return waypoints.size();
    }

    public Waypoint legStart(int leg) {
        return waypoints.get(leg % waypoints.size());
    }

    public Waypoint legEnd(int leg) {
        return waypoints.get((leg + 1) % waypoints.size());
    }

    public double legLength(int leg) {
        return legStart(leg).point().distanceTo(legEnd(leg).point());
    }
}
