package io.eventyard.homehub.ingest;

import io.eventyard.homehub.lights.LightReports;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one MQTT subscriber of {@code home/#} and {@code fleet/vehicle/+/location} (QoS 1), shared between
 * replicas as {@code $share/{group}/...}. Its own Paho v5 connection rather than micronaut-mqtt's client bean,
 * because that bean connects while the context starts (home-hub would not start without a broker), has no
 * manual acknowledgements and does not subscribe again after a clean reconnect. Here:
 * <ul>
 *   <li>manual acks: the PUBACK goes out only when {@link IngestBuffer} has committed the message's effect;</li>
 *   <li>the first connection is tried again (1 s, doubling to {@code max-reconnect-delay}) until the broker is
 *       there; after that Paho reconnects by itself, and every connect subscribes again;</li>
 *   <li>a session that outlives a disconnect ({@code session-expiry}), so QoS 1 messages wait at the broker.</li>
 * </ul>
 */
@Singleton
@Requires(property = "home-hub.mqtt.enabled", notEquals = "false")
class MqttIngestClient implements MqttCallback {

    private static final Logger LOG = LoggerFactory.getLogger(MqttIngestClient.class);
    static final List<String> TOPICS = List.of("home/#", "fleet/vehicle/+/location");
    /**
     * Device statuses are retained, and a shared subscription gets no retained messages: with a group, the
     * statuses are also subscribed plainly, so that home-hub learns on (re)start which devices are online or
     * gone (their retained will). The same status may then come twice; the second changes nothing.
     */
    static final String STATUS_TOPIC = "home/+/status";
    /** Lights report their state retained: subscribed plainly, for the same reason as the statuses. */
    static final String LIGHTS_TOPIC = "home/lights/+";

    private final MqttIngestSettings settings;
    private final PayloadParser parser;
    private final IngestBuffer buffer;
    private final RejectedPayloads rejected;
    private final LightReports lights;
    private final TaskScheduler scheduler;
    private final String serverUri;
    private final String userName;
    private final String password;
    private final String clientId;
    private volatile MqttAsyncClient client;
    private volatile boolean closed;
    /**
     * Counts connections. Packet ids are per connection: an ack for a message of an earlier connection must not
     * go out on this one, where the same id may name another message (that one would be acknowledged before it
     * is stored). The broker delivers such a message again instead.
     */
    private final AtomicLong connection = new AtomicLong();

    MqttIngestClient(MqttIngestSettings settings, PayloadParser parser, IngestBuffer buffer,
                     RejectedPayloads rejected, LightReports lights,
                     @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
                     @Value("${mqtt.client.server-uri}") String serverUri,
                     @Value("${mqtt.client.user-name:}") String userName,
                     @Value("${mqtt.client.password:}") String password,
                     @Value("${mqtt.client.client-id:home-hub}") String baseClientId) {
        this.settings = settings;
        this.parser = parser;
        this.buffer = buffer;
        this.rejected = rejected;
        this.lights = lights;
        this.scheduler = scheduler;
        this.serverUri = serverUri;
        this.userName = userName;
        this.password = password;
        this.clientId = settings.getClientId() != null && !settings.getClientId().isBlank()
                ? settings.getClientId() : baseClientId + "-ingest";
    }

    @EventListener
    void onStartup(StartupEvent event) {
        try {
            client = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException("bad MQTT settings: " + serverUri + " / " + clientId, e);
        }
        client.setManualAcks(true);
        client.setCallback(this);
        connect(Duration.ofSeconds(1));
    }

    /** The filters as subscribed: shared when a group is set. */
    List<String> filters() {
        String group = settings.getSharedGroup();
        if (group == null || group.isBlank()) {
            return TOPICS;
        }
        List<String> filters = new java.util.ArrayList<>();
        TOPICS.forEach(topic -> filters.add("$share/" + group + "/" + topic));
        filters.add(STATUS_TOPIC);
        filters.add(LIGHTS_TOPIC);
        return List.copyOf(filters);
    }

    private void connect(Duration nextDelay) {
        if (closed) {
            return;
        }
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, (int) Math.max(1, settings.getMaxReconnectDelay().toSeconds()));
        long expiry = settings.getSessionExpiry().toSeconds();
        options.setCleanStart(expiry == 0);
        options.setSessionExpiryInterval(expiry);
        if (!userName.isEmpty()) {
            options.setUserName(userName);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // connectComplete subscribes
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    retry(nextDelay, failure);
                }
            });
        } catch (MqttException e) {
            retry(nextDelay, e);
        }
    }

    private void retry(Duration delay, Throwable failure) {
        if (closed) {
            return;
        }
        LOG.warn("MQTT broker {} not reachable ({}); trying again in {} s", serverUri, failure.toString(),
                delay.toSeconds());
        Duration next = delay.multipliedBy(2).compareTo(settings.getMaxReconnectDelay()) > 0
                ? settings.getMaxReconnectDelay() : delay.multipliedBy(2);
        scheduler.schedule(delay, () -> connect(next));
    }

    @Override
    public void connectComplete(boolean reconnect, String uri) {
        connection.incrementAndGet();
        List<String> filters = filters();
        MqttSubscription[] subscriptions = filters.stream().map(filter -> new MqttSubscription(filter, 1))
                .toArray(MqttSubscription[]::new);
        try {
            client.subscribe(subscriptions, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    LOG.info("ingesting from {} as {}: {}", uri, clientId, filters);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    LOG.error("subscribing to {} failed: {}", filters, failure.toString());
                }
            }, new MqttProperties());
        } catch (MqttException e) {
            LOG.error("subscribing to {} failed: {}", filters, e.toString());
        }
    }

    /**
     * Paho's callback thread: parse, then hand to the buffer (waiting while it is full, which stops this
     * connection's reading). Never throws: an exception here would drop the connection.
     */
    @Override
    public void messageArrived(String topic, MqttMessage message) {
        Instant receivedAt = Instant.now();
        byte[] payload = message.getPayload();
        long arrivedOn = connection.get();
        Runnable ack = () -> acknowledge(message, arrivedOn);
        try {
            if (LightReports.isLightState(topic)) {
                // kept in memory by the lights feature (the retained topic is the truth): done once handed over
                lights.reported(topic, payload);
                ack.run();
                return;
            }
            Parsed parsed = parser.parse(topic, payload, receivedAt);
            if (parsed instanceof Parsed.Ignored) {
                ack.run();
                return;
            }
            if (parsed instanceof Parsed.Rejected rejection) {
                rejected.noted(topic, rejection);
            }
            buffer.put(new Pending(topic, payload, parsed, ack));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("could not take the message on {}; it stays unacknowledged", topic, e);
        }
    }

    private void acknowledge(MqttMessage message, long arrivedOn) {
        if (arrivedOn != connection.get()) {
            LOG.debug("message {} arrived on an earlier connection; the broker sends it again", message.getId());
            return;
        }
        try {
            client.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException | RuntimeException e) {
            // the connection is gone: the broker sends the message again, and storing it is idempotent
            LOG.debug("could not acknowledge message {}: {}", message.getId(), e.toString());
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        connection.incrementAndGet();
        if (!closed) {
            LOG.warn("MQTT connection to {} lost: {}", serverUri, response);
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.warn("MQTT error: {}", exception.toString());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }

    boolean isConnected() {
        MqttAsyncClient current = client;
        return current != null && current.isConnected();
    }

    @PreDestroy
    void close() {
        closed = true;
        MqttAsyncClient current = client;
        if (current == null) {
            return;
        }
        try {
            if (current.isConnected()) {
                current.disconnect(2_000).waitForCompletion(3_000);
            }
        } catch (MqttException e) {
            LOG.debug("MQTT disconnect: {}", e.toString());
        }
        try {
            current.close(true);
        } catch (MqttException e) {
            LOG.debug("MQTT close: {}", e.toString());
        }
    }
}
