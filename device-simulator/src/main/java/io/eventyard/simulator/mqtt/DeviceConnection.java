package io.eventyard.simulator.mqtt;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One device's MQTT 3.1.1 connection: connects with a will ({@code offline}, retained, on
 * {@code home/{device}/status}), says {@code online} (retained) after each CONNACK, renews its subscriptions, and
 * reconnects on its own with a growing back-off when the connection drops.
 *
 * <p>Threads: every field but {@code online} is read and written on {@link #loop()} only; the public methods may
 * be called from any thread and hop onto the loop. Devices schedule their own timers on the same loop, so a
 * device never needs a lock.
 */
public final class DeviceConnection {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceConnection.class);
    private static final int KEEP_ALIVE_SECONDS = 30;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final String deviceId;
    private final String clientId;
    private final BrokerEndpoint broker;
    private final EventLoop loop;
    private final PublishCounters counters;
    private final String statusTopic;
    private final Map<String, MessageHandler> subscriptions = new LinkedHashMap<>();
    private final CompletableFuture<Void> firstConnect = new CompletableFuture<>();
    private Runnable onOnline = () -> { };

    private volatile Channel channel;
    private volatile boolean online;
    private boolean closing;
    private Duration backoff = FIRST_BACKOFF;
    private Duration nextDelay;
    private int packetId;

    DeviceConnection(String deviceId, String clientId, BrokerEndpoint broker, EventLoop loop, PublishCounters counters) {
        this.deviceId = deviceId;
        this.clientId = clientId;
        this.broker = broker;
        this.loop = loop;
        this.counters = counters;
        this.statusTopic = "home/" + deviceId + "/status";
    }

    public String deviceId() {
        return deviceId;
    }

    public String statusTopic() {
        return statusTopic;
    }

    /** The thread this device lives on; schedule the device's timers here. */
    public EventLoop loop() {
        return loop;
    }

    public boolean isOnline() {
        return online;
    }

    /** Runs on the loop after every successful (re)connect, once {@code online} is published. */
    public void onOnline(Runnable action) {
        loop.execute(() -> onOnline = action);
    }

    /** Subscribes (QoS 1) now if connected, and again after every reconnect. */
    public void subscribe(String filter, MessageHandler handler) {
        loop.execute(() -> {
            subscriptions.put(filter, handler);
            if (online) {
                sendSubscribe(filter);
            }
        });
    }

    /** Connects; completes when the first CONNACK accepts the device (it keeps retrying until then). */
    public CompletableFuture<Void> start() {
        loop.execute(this::connect);
        return firstConnect;
    }

    /**
     * Publishes if the device is connected and its socket keeps up; otherwise the message is dropped and counted,
     * as a real sensor drops readings it cannot send.
     *
     * @return whether the message went out
     */
    public boolean publish(String topic, String payload, MqttQoS qos, boolean retain) {
        Channel current = channel;
        if (!online || current == null || !current.isWritable()) {
            counters.countDropped();
            return false;
        }
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        if (loop.inEventLoop()) {
            write(current, topic, bytes, qos, retain);
        } else {
            loop.execute(() -> write(current, topic, bytes, qos, retain));
        }
        return true;
    }

    /**
     * Chaos: closes the socket without DISCONNECT, so the broker publishes the will, and reconnects after
     * {@code offlineFor}.
     */
    public void drop(Duration offlineFor) {
        loop.execute(() -> {
            if (channel != null && online) {
                LOG.info("chaos: dropping {} for {}s", deviceId, offlineFor.toSeconds());
                nextDelay = offlineFor;
                channel.close();
            }
        });
    }

    /** Publishes {@code offline} itself, then DISCONNECT (so the broker discards the will); no reconnect. */
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        loop.execute(() -> {
            closing = true;
            if (channel == null || !channel.isActive()) {
                closed.complete(null);
                return;
            }
            if (online) {
                write(channel, statusTopic, bytes("offline"), MqttQoS.AT_LEAST_ONCE, true);
            }
            channel.writeAndFlush(MqttMessage.DISCONNECT).addListener(ChannelFutureListener.CLOSE)
                    .addListener(f -> closed.complete(null));
        });
        return closed;
    }

    private void connect() {
        if (closing) {
            return;
        }
        new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(
                                new IdleStateHandler(KEEP_ALIVE_SECONDS * 3 / 2, KEEP_ALIVE_SECONDS / 2, 0),
                                new MqttDecoder(),
                                MqttEncoder.INSTANCE,
                                new ProtocolHandler());
                    }
                })
                .connect(broker.host(), broker.port())
                .addListener((ChannelFutureListener) f -> {
                    if (f.isSuccess()) {
                        channel = f.channel();
                        channel.closeFuture().addListener(c -> connectionLost(f.channel()));
                    } else {
                        LOG.debug("{} cannot connect to {}: {}", deviceId, broker, f.cause().toString());
                        scheduleReconnect();
                    }
                });
    }

    private void connectionLost(Channel lost) {
        if (lost != channel) {
            return;
        }
        online = false;
        channel = null;
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (closing) {
            return;
        }
        Duration delay;
        if (nextDelay != null) {
            delay = nextDelay;
            nextDelay = null;
        } else {
            // Jitter spreads a whole fleet's reconnects after a broker restart.
            delay = backoff.plusMillis(ThreadLocalRandom.current().nextLong(backoff.toMillis() / 2 + 1));
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        counters.countReconnect();
        loop.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sendConnect(Channel ch) {
        ch.writeAndFlush(MqttMessageBuilders.connect()
                .protocolVersion(MqttVersion.MQTT_3_1_1)
                .clientId(clientId)
                .cleanSession(true)
                .keepAlive(KEEP_ALIVE_SECONDS)
                .hasUser(true).username(broker.user())
                .hasPassword(true).password(bytes(broker.password()))
                .willFlag(true).willTopic(statusTopic).willMessage(bytes("offline"))
                .willQoS(MqttQoS.AT_LEAST_ONCE).willRetain(true)
                .build());
    }

    private void connected(Channel ch) {
        online = true;
        backoff = FIRST_BACKOFF;
        write(ch, statusTopic, bytes("online"), MqttQoS.AT_LEAST_ONCE, true);
        subscriptions.keySet().forEach(this::sendSubscribe);
        firstConnect.complete(null);
        onOnline.run();
    }

    private void sendSubscribe(String filter) {
        channel.writeAndFlush(MqttMessageBuilders.subscribe()
                .messageId(nextPacketId())
                .addSubscription(MqttQoS.AT_LEAST_ONCE, filter)
                .build());
    }

    private void write(Channel ch, String topic, byte[] payload, MqttQoS qos, boolean retain) {
        MqttPublishMessage message = MqttMessageBuilders.publish()
                .topicName(topic)
                .qos(qos)
                .retained(retain)
                .messageId(qos == MqttQoS.AT_MOST_ONCE ? 0 : nextPacketId())
                .payload(Unpooled.wrappedBuffer(payload))
                .build();
        ch.writeAndFlush(message, ch.voidPromise());
        counters.countPublished();
    }

    private void received(ChannelHandlerContext ctx, MqttPublishMessage message) {
        String topic = message.variableHeader().topicName();
        byte[] payload = ByteBufUtil.getBytes(message.payload());
        MessageHandler handler = subscriptions.entrySet().stream()
                .filter(e -> TopicFilter.matches(e.getKey(), topic))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (handler != null) {
            try {
                handler.onMessage(topic, payload);
            } catch (RuntimeException e) {
                // A command the device does not understand is ignored, as a real device would; it is still acked.
                LOG.warn("{} ignored a message on {}: {}", deviceId, topic, e.toString());
            }
        }
        if (message.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
            ctx.writeAndFlush(MqttMessageBuilders.pubAck().packetId(message.variableHeader().packetId()).build());
        }
    }

    private int nextPacketId() {
        packetId = packetId % 0xFFFF + 1;
        return packetId;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The MQTT exchange on one socket: CONNECT on open, then CONNACK, PUBLISH in, PUBACK, pings. */
    private final class ProtocolHandler extends SimpleChannelInboundHandler<MqttMessage> {

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            sendConnect(ctx.channel());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MqttMessage message) {
            if (message.decoderResult().isFailure()) {
                LOG.warn("{}: undecodable packet from the broker, reconnecting: {}", deviceId,
                        message.decoderResult().cause().toString());
                ctx.close();
                return;
            }
            switch (message.fixedHeader().messageType()) {
                case CONNACK -> {
                    MqttConnectReturnCode code = ((MqttConnAckMessage) message).variableHeader().connectReturnCode();
                    if (code == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                        connected(ctx.channel());
                    } else {
                        LOG.warn("{} refused by the broker: {}", deviceId, code);
                        ctx.close();
                    }
                }
                case PUBLISH -> received(ctx, (MqttPublishMessage) message);
                case PUBACK -> counters.countAcknowledged();
                default -> { }
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent idle) {
                if (idle.state() == IdleState.WRITER_IDLE) {
                    ctx.writeAndFlush(MqttMessage.PINGREQ);
                } else if (idle.state() == IdleState.READER_IDLE) {
                    LOG.info("{}: broker silent for {}s, reconnecting", deviceId, KEEP_ALIVE_SECONDS * 3 / 2);
                    ctx.close();
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("{}: {}", deviceId, cause.toString());
            ctx.close();
        }
    }
}
