package io.eventyard.payment;

import io.micronaut.runtime.Micronaut;

/** Starts payment-service: charges orders placed and reports whether they were paid. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
