package io.eventyard.shipping;

import io.micronaut.runtime.Micronaut;

/** Starts shipping-service: ships paid orders. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
