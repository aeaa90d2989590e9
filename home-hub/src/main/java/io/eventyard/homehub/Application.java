package io.eventyard.homehub;

import io.micronaut.runtime.Micronaut;

/** Starts home-hub: the smart-home and fleet hub over MQTT. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
