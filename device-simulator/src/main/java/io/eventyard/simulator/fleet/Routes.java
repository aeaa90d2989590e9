package io.eventyard.simulator.fleet;

import java.util.List;

/**
 * Three loops around Amsterdam's centre (52.37, 4.89), traced by hand from a map: the canal ring at city speeds
 * with many traffic lights, the A10 ring motorway at 100–120 km/h, and a loop east and south at 50–70 km/h.
 */
public final class Routes {

    private Routes() {
    }

    public static List<Route> amsterdam() {
        return List.of(
                new Route("canal-ring", List.of(
                        Waypoint.at(52.3791, 4.9003, 30, 0.5),   // Centraal
                        Waypoint.at(52.3731, 4.8926, 30, 0.6),   // Dam
                        Waypoint.at(52.3752, 4.8840, 50, 0.5),   // Westermarkt
                        Waypoint.at(52.3641, 4.8828, 50, 0.7),   // Leidseplein
                        Waypoint.at(52.3663, 4.8964, 50, 0.6),   // Rembrandtplein
                        Waypoint.at(52.3676, 4.9021, 30, 0.5))), // Waterlooplein
                new Route("a10-ring", List.of(
                        Waypoint.at(52.4010, 4.9230, 100, 0.05), // Noord
                        Waypoint.at(52.3720, 4.9550, 120, 0.05), // Zeeburg
                        Waypoint.at(52.3430, 4.9280, 100, 0.1),  // Amstel
                        Waypoint.at(52.3370, 4.8720, 100, 0.2),  // Zuid
                        Waypoint.at(52.3460, 4.8160, 120, 0.05), // Sloten
                        Waypoint.at(52.3800, 4.8260, 100, 0.05), // Bos en Lommer
                        Waypoint.at(52.4000, 4.8620, 100, 0.1))), // Coentunnel
                new Route("east-south", List.of(
                        Waypoint.at(52.3760, 4.9120, 50, 0.4),   // Oosterdok
                        Waypoint.at(52.3660, 4.9160, 50, 0.5),   // Artis
                        Waypoint.at(52.3465, 4.9180, 70, 0.4),   // Amstel station
                        Waypoint.at(52.3580, 4.8810, 70, 0.5),   // Museumplein
                        Waypoint.at(52.3600, 4.8700, 50, 0.3),   // Vondelpark
                        Waypoint.at(52.3641, 4.8828, 50, 0.6),   // Leidseplein
                        Waypoint.at(52.3731, 4.8926, 30, 0.5)))); // Dam
    }
}
