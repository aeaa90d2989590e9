package io.eventyard.broker.http;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.eventyard.broker.Broker;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;

/** Starts the one {@link Broker} of the context when the context starts, and closes it with the context. */
@Factory
final class BrokerFactory {

    @Context
    @Bean(preDestroy = "close")
    Broker broker(Environment environment) {
        try {
            return Broker.start(BrokerSettings.read(environment));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
