package io.eventyard.email;

import io.micronaut.runtime.Micronaut;

/** Starts email-worker: sends the emails other services ask for, with retries. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
