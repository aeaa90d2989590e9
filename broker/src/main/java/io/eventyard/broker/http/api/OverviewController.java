package io.eventyard.broker.http.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.eventyard.broker.Broker;
import io.eventyard.broker.core.BrokerCore;
import io.eventyard.broker.core.MessageCounters;
import io.eventyard.broker.core.ResourceAlarms;
import io.eventyard.broker.core.exchange.ExchangeType;
import io.eventyard.broker.core.queue.MessageQueue;
import io.eventyard.broker.core.vhost.VirtualHost;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** {@code GET /api/overview}. */
@Controller("/api/overview")
final class OverviewController {

    private static final String PRODUCT_VERSION = productVersion();

    private final ApiCoreTasks api;
    private final Broker broker;

    OverviewController(ApiCoreTasks api, Broker broker) {
        this.api = api;
        this.broker = broker;
    }

    @Get
    CompletableFuture<OverviewView> overview(HttpRequest<?> request) {
        List<OverviewView.Listener> listeners = new ArrayList<>(List.of(
                new OverviewView.Listener("amqp", broker.config().host(), broker.amqpPort()),
                new OverviewView.Listener("mqtt", broker.config().host(), broker.mqttPort())));
        if (broker.mqttWebSocketPort() >= 0) {
            // RabbitMQ's name for its Web MQTT listener
            listeners.add(new OverviewView.Listener("http/web-mqtt", broker.config().host(),
                    broker.mqttWebSocketPort()));
        }
        List<String> exchangeTypes = Arrays.stream(ExchangeType.values()).map(ExchangeType::wireName).toList();
        return api.run(request, (user, core) -> new OverviewView("Eventyard broker", PRODUCT_VERSION,
                exchangeTypes, listeners, objectTotals(user, core), queueTotals(user, core),
                user.monitoring() ? messageStats(core.counters()) : null, alarms(core.alarmState()),
                user.monitoring() ? broker.retainedMessages().count() : null));
    }

    private static OverviewView.Alarms alarms(ResourceAlarms.State state) {
        return new OverviewView.Alarms(state.memoryAlarm(), state.messageMemory(), state.memoryHighWatermark(),
                state.diskAlarm(), state.diskFree(), state.diskFreeLimit());
    }

    private static OverviewView.ObjectTotals objectTotals(ApiUser user, BrokerCore core) {
        int exchanges = 0;
        int queues = 0;
        int consumers = 0;
        for (VirtualHost vhost : user.visibleVhosts(core)) {
            exchanges += vhost.exchanges().size();
            queues += vhost.queues().size();
            for (MessageQueue queue : vhost.queues()) {
                consumers += queue.consumerCount();
            }
        }
        int connections = (int) core.connections().stream()
                .filter(connection -> user.monitoring() || user.name().equals(connection.user()))
                .count();
        return new OverviewView.ObjectTotals(connections, exchanges, queues, consumers);
    }

    private static OverviewView.QueueTotals queueTotals(ApiUser user, BrokerCore core) {
        long ready = 0;
        long unacked = 0;
        for (VirtualHost vhost : user.visibleVhosts(core)) {
            for (MessageQueue queue : vhost.queues()) {
                ready += queue.readyCount();
                unacked += queue.unackedCount();
            }
        }
        return new OverviewView.QueueTotals(ready + unacked, ready, unacked);
    }

    private static OverviewView.MessageStats messageStats(MessageCounters counters) {
        return new OverviewView.MessageStats(counters.published(), counters.unroutable(), counters.delivered(),
                counters.redelivered(), counters.acknowledged(), counters.deadLettered());
    }

    private static String productVersion() {
        String version = Broker.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
