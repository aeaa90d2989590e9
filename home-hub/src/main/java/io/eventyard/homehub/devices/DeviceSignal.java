package io.eventyard.homehub.devices;

import java.time.Instant;

/**
 * Something heard from a device: its status ({@code online} true or false) or activity ({@code online} null:
 * a reading from {@code home/{device}/...}).
 */
public record DeviceSignal(String device, Boolean online, Instant at) {

    public static DeviceSignal status(String device, boolean online, Instant at) {
        return new DeviceSignal(device, online, at);
    }

    public static DeviceSignal activity(String device, Instant at) {
        return new DeviceSignal(device, null, at);
    }
}
