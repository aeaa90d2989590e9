package io.eventyard.homehub.devices;

import io.eventyard.homehub.events.EventLog;
import io.eventyard.homehub.events.HubEvent;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Availability: a device is online after {@code online} on its status topic or any reading from its room,
 * offline after {@code offline} (its own or its will) or after the inactivity timeout. Changes go to the event
 * log ({@code device.online}, {@code device.offline}); the caller publishes the returned {@link Availability}
 * events once the transaction has committed.
 */
@Singleton
public class DeviceTracker {

    private final DeviceRepository devices;
    private final EventLog eventLog;

    DeviceTracker(DeviceRepository devices, EventLog eventLog) {
        this.devices = devices;
        this.eventLog = eventLog;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public List<Availability> record(List<DeviceSignal> signals) {
        Map<String, Device> known = new HashMap<>();
        Map<String, Boolean> isNew = new HashMap<>();
        List<Availability> changes = new ArrayList<>();
        for (DeviceSignal signal : signals) {
            Device before = known.computeIfAbsent(signal.device(), id -> {
                Device found = devices.findById(id).orElse(null);
                isNew.put(id, found == null);
                return found;
            });
            Device after = apply(before, signal);
            known.put(signal.device(), after);
            if (before == null || before.online() != after.online()) {
                changes.add(change(after));
            }
        }
        known.forEach((id, device) -> {
            if (isNew.get(id)) {
                devices.save(device);
            } else {
                devices.update(device);
            }
        });
        return changes;
    }

    private static Device apply(Device before, DeviceSignal signal) {
        Instant lastSeen = before == null || signal.at().isAfter(before.lastSeen()) ? signal.at() : before.lastSeen();
        if (signal.online() == null) {
            if (before != null && before.online()) {
                return new Device(before.device(), true, lastSeen, before.reason(), before.changedAt());
            }
            return new Device(signal.device(), true, lastSeen, "activity", signal.at());
        }
        boolean online = signal.online();
        if (before != null && before.online() == online) {
            return new Device(before.device(), online, lastSeen, before.reason(), before.changedAt());
        }
        return new Device(signal.device(), online, lastSeen, "status", signal.at());
    }

    /** Marks devices offline that were not heard from since {@code before}. */
    @Transactional
    public List<Availability> timeOut(Instant before, Instant now) {
        List<Availability> changes = new ArrayList<>();
        for (Device device : devices.findByOnlineTrueAndLastSeenLessThan(before)) {
            if (devices.markTimedOut(device.device(), before, now) == 1) {
                changes.add(change(new Device(device.device(), false, device.lastSeen(), "timeout", now)));
            }
        }
        return changes;
    }

    private Availability change(Device device) {
        String kind = device.online() ? "device.online" : "device.offline";
        String detail = device.device() + (device.online() ? " is online" : " is offline") + switch (device.reason()) {
            case "timeout" -> " (nothing heard since " + device.lastSeen() + ")";
            case "activity" -> " (it sent a reading)";
            default -> " (its status)";
        };
        eventLog.record(new HubEvent(kind, device.device(), detail, device.online() ? "info" : "warning",
                device.changedAt()));
        return new Availability(device.device(), device.online(), device.lastSeen(), device.reason());
    }

    public List<Device> all() {
        return devices.listOrderByDevice();
    }
}
