/**
 * The broker's HTTP side: health, Prometheus metrics, a management API on RabbitMQ's paths and
 * stateless publishing, on Micronaut around an embedded {@link io.eventyard.broker.Broker}.
 *
 * <p>Every bean here requires the {@value io.eventyard.broker.http.StandaloneBroker#ENVIRONMENT}
 * environment, which only {@link io.eventyard.broker.http.StandaloneBroker} activates: services that
 * have the broker jar on their classpath (to embed it in tests) never pick these beans up.
 */
@Configuration
@Requires(env = StandaloneBroker.ENVIRONMENT)
package io.eventyard.broker.http;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
