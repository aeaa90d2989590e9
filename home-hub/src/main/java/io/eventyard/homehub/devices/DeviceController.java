package io.eventyard.homehub.devices;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.List;

/** {@code GET /devices}: every device heard of, online or not, with its last-seen time. */
@Controller("/devices")
class DeviceController {

    private final DeviceTracker tracker;

    DeviceController(DeviceTracker tracker) {
        this.tracker = tracker;
    }

    @Get
    List<Device> list() {
        return tracker.all();
    }
}
