package io.eventyard.simulator.home;

/** The rooms every simulated home has, with what makes each one's readings its own. */
public enum RoomKind {
    LIVING_ROOM("living-room", 21.0, 50, 80, 150),
    KITCHEN("kitchen", 22.0, 55, 120, 2000),
    BEDROOM("bedroom", 19.0, 45, 10, 60),
    BATHROOM("bathroom", 22.5, 65, 5, 1800);

    private final String roomName;
    private final double baseTemperature;
    private final double baseHumidity;
    private final double standbyWatts;
    private final double applianceWatts;

    RoomKind(String roomName, double baseTemperature, double baseHumidity, double standbyWatts,
             double applianceWatts) {
        this.roomName = roomName;
        this.baseTemperature = baseTemperature;
        this.baseHumidity = baseHumidity;
        this.standbyWatts = standbyWatts;
        this.applianceWatts = applianceWatts;
    }

    public String roomName() {
        return roomName;
    }

    double baseTemperature() {
        return baseTemperature;
    }

    double baseHumidity() {
        return baseHumidity;
    }

    double standbyWatts() {
        return standbyWatts;
    }

    double applianceWatts() {
        return applianceWatts;
    }
}
