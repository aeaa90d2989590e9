package io.eventyard.order;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** Starts order-service: the REST API for orders, the order saga and the transactional outbox. */
@OpenAPIDefinition(info = @Info(title = "order-service", version = "0.1",
        description = "Orders of the Eventyard shop: place, read, list and cancel. Status changes arrive over AMQP."))
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
