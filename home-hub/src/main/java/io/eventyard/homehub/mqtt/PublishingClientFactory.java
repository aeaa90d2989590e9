package io.eventyard.homehub.mqtt;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.TimerPingSender;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.mqtt.v5.client.MqttClientFactory;
import io.micronaut.mqtt.v5.config.MqttClientConfigurationProperties;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The MQTT client behind home-hub's {@code @MqttPublisher}s (alert notices, light commands). micronaut-mqtt's own
 * factory fails the application's start when the broker is away. This one tries once at start, as that one
 * does, and when the broker does not answer it lets home-hub start and keeps trying in the background (1 s,
 * doubling to 30 s), as the ingestion connection does. A publish while it is not connected fails, and its
 * callers retry (the alert notices) or answer 503 (light commands). Once connected, Paho reconnects by itself.
 */
@Factory
class PublishingClientFactory {

    private static final Logger LOG = LoggerFactory.getLogger(PublishingClientFactory.class);
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);

    @Singleton
    @Bean(preDestroy = "close")
    @Replaces(factory = MqttClientFactory.class, bean = MqttAsyncClient.class)
    MqttAsyncClient mqttClient(MqttClientConfigurationProperties config,
                               @Named(TaskExecutors.MESSAGE_CONSUMER) ExecutorService executor) throws MqttException {
        ScheduledExecutorService scheduler = (ScheduledExecutorService) executor;
        // in memory, as micronaut-mqtt's default: what must not be lost is kept by the alert notices' table
        StoppableClient client = new StoppableClient(config.getServerUri(), config.getClientId(), scheduler);
        MqttConnectionOptions options = config.getConnectOptions();
        try {
            client.connect(options).waitForCompletion(config.getConnectionTimeout().toMillis());
        } catch (MqttException | RuntimeException away) {
            LOG.info("MQTT publishing connection to {} failed ({}); home-hub starts and keeps trying",
                    config.getServerUri(), away.toString());
            reconnectLater(client, options, scheduler, Duration.ofSeconds(1));
        }
        return client;
    }

    private static void reconnectLater(StoppableClient client, MqttConnectionOptions options,
                                       ScheduledExecutorService scheduler, Duration delay) {
        if (client.closed) {
            return;
        }
        Duration next = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
        scheduler.schedule(() -> {
            if (client.closed || client.isConnected()) {
                return;
            }
            try {
                client.connect(options, null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        LOG.info("MQTT publishing connection up: {}", client.getServerURI());
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable cause) {
                        reconnectLater(client, options, scheduler, next);
                    }
                });
            } catch (MqttException | RuntimeException e) {
                reconnectLater(client, options, scheduler, next);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A client that, once closed with the application context, stops trying to connect. */
    static final class StoppableClient extends MqttAsyncClient {

        private volatile boolean closed;

        StoppableClient(String serverUri, String clientId, ScheduledExecutorService scheduler) throws MqttException {
            super(serverUri, clientId, new MemoryPersistence(), new TimerPingSender(scheduler), scheduler);
        }

        @Override
        public void close() throws MqttException {
            closed = true;
            if (isConnected()) {
                disconnect().waitForCompletion(2_000);
            }
            super.close(true);
        }
    }
}
