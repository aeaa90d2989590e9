package io.eventyard.homehub.live;

import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Bounds of the live feed ({@code live.*}, or {@code LIVE_*} in the environment).
 *
 * @param clientBuffer        events queued for one client before it counts as too slow and is disconnected
 * @param heartbeat           how often an idle stream carries a {@code heartbeat} event, so that dead
 *                            connections are noticed and proxies keep the stream open
 * @param pointsPerSensor     recent readings kept per sensor for the charts
 * @param positionsPerVehicle recent positions kept per vehicle for the trails
 * @param recentEvents        hub events kept for the event list
 * @param maxSensors          sensors kept; the one updated longest ago goes first
 * @param maxVehicles         vehicles kept; likewise
 * @param maxDevices          devices kept; likewise
 */
@ConfigurationProperties("live")
public record LiveSettings(
        @Min(8) @Bindable(defaultValue = "256") int clientBuffer,
        @NotNull @Bindable(defaultValue = "15s") Duration heartbeat,
        @Min(1) @Bindable(defaultValue = "240") int pointsPerSensor,
        @Min(1) @Bindable(defaultValue = "120") int positionsPerVehicle,
        @Min(1) @Bindable(defaultValue = "50") int recentEvents,
        @Min(1) @Bindable(defaultValue = "500") int maxSensors,
        @Min(1) @Bindable(defaultValue = "200") int maxVehicles,
        @Min(1) @Bindable(defaultValue = "500") int maxDevices) {
}
