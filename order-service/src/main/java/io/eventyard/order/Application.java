package io.eventyard.order;

import io.micronaut.runtime.Micronaut;

/** Starts order-service: the REST API for orders, the order saga and the transactional outbox. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
