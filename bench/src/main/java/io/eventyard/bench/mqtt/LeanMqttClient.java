package io.eventyard.bench.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;

/**
 * A minimal MQTT 3.1.1 client on Netty for the publish/subscribe runs: CONNECT, SUBSCRIBE, PUBLISH at
 * QoS 0, 1 and 2 with the acknowledgements of both directions, DISCONNECT; nothing else (no session
 * resumption, no retransmission, no keep alive: a run is shorter than the 60 s it announces). Deliveries
 * are handed to the consumer on the channel's event loop, with no queue and no thread between the
 * socket and the measurement: a general-purpose client (Paho hands each message from its reader thread
 * to a callback thread through a ten-slot queue) could not take more than a few thousand messages a
 * second on this shared machine, so it measured itself, not the broker.
 *
 * <p>Publishing is window-limited by the caller; a publish's completion (QoS 0: written; 1: PUBACK;
 * 2: PUBCOMP) is reported through {@link Completions}. Packet identifiers cycle through 1..65535; the
 * caller's window must stay far below that.
 */
final class LeanMqttClient {

    /** Publish completions, called on the event loop. */
    interface Completions {
        void completed(int packetId, boolean ok);
    }

    private final Channel channel;
    private final Handler handler;

    private LeanMqttClient(Channel channel, Handler handler) {
        this.channel = channel;
        this.handler = handler;
    }

    /** Connects and waits for CONNACK; deliveries go to {@code deliveries}, publish completions to {@code completions}. */
    static LeanMqttClient connect(EventLoopGroup group, MqttTarget target, String clientId,
                                  Consumer<MqttPublishMessage> deliveries, Completions completions,
                                  Consumer<Throwable> lost) throws InterruptedException {
        Handler handler = new Handler(deliveries, completions, lost);
        Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 15_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new MqttDecoder(1024 * 1024), MqttEncoder.INSTANCE, handler);
                    }
                })
                .connect(target.host(), target.port()).sync().channel();
        MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect().clientId(clientId)
                .protocolVersion(MqttVersion.MQTT_3_1_1).cleanSession(true).keepAlive(60);
        if (target.user() != null) {
            connect.hasUser(true).username(target.user());
            if (target.password() != null) {
                connect.hasPassword(true).password(target.password().getBytes(StandardCharsets.UTF_8));
            }
        }
        channel.writeAndFlush(connect.build());
        MqttConnectReturnCode code = await(handler.connAck, "CONNACK");
        if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            channel.close();
            throw new IllegalStateException("connection refused: " + code);
        }
        return new LeanMqttClient(channel, handler);
    }

    /** Subscribes and waits for SUBACK; returns the granted QoS (0x80: refused). */
    int subscribe(String filter, int qos) throws InterruptedException {
        channel.writeAndFlush(MqttMessageBuilders.subscribe().messageId(1)
                .addSubscription(MqttQoS.valueOf(qos), filter).build());
        return await(handler.subAck, "SUBACK");
    }

    /**
     * Writes a publish without flushing (call on the channel's event loop, then {@link #flush}); the
     * completion comes through {@link Completions} with {@code packetId} (1..65535, the caller's choice;
     * at QoS 0 it only names the completion, the wire has none).
     */
    void write(String topic, byte[] payload, int qos, int packetId) {
        MqttPublishMessage message = MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.valueOf(qos))
                .retained(false).messageId(qos == 0 ? 0 : packetId).payload(Unpooled.wrappedBuffer(payload)).build();
        channel.write(message).addListener(done -> {
            if (qos == 0 || !done.isSuccess()) {
                handler.completions.completed(packetId, done.isSuccess());
            }
        });
    }

    void flush() {
        channel.flush();
    }

    /** The event loop this client's channel lives on: publish from there. */
    io.netty.channel.EventLoop eventLoop() {
        return channel.eventLoop();
    }

    boolean isActive() {
        return channel.isActive();
    }

    /** Sends DISCONNECT and closes. */
    void disconnect() {
        if (channel.isActive()) {
            handler.closing = true;
            channel.writeAndFlush(new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false,
                    MqttQoS.AT_MOST_ONCE, false, 0)));
            channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private static <T> T await(CompletableFuture<T> future, String what) throws InterruptedException {
        try {
            return future.get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("no " + what + ": " + Incidents.describe(e.getCause()), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no " + what + " within 15 s");
        }
    }

    private static final class Handler extends SimpleChannelInboundHandler<MqttMessage> {

        final CompletableFuture<MqttConnectReturnCode> connAck = new CompletableFuture<>();
        final CompletableFuture<Integer> subAck = new CompletableFuture<>();
        private final Consumer<MqttPublishMessage> deliveries;
        final Completions completions;
        private final Consumer<Throwable> lost;
        volatile boolean closing;

        Handler(Consumer<MqttPublishMessage> deliveries, Completions completions, Consumer<Throwable> lost) {
            this.deliveries = deliveries;
            this.completions = completions;
            this.lost = lost;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MqttMessage message) {
            if (message.decoderResult().isFailure()) {
                lost.accept(message.decoderResult().cause());
                ctx.close();
                return;
            }
            switch (message.fixedHeader().messageType()) {
                case CONNACK -> connAck.complete(((MqttConnAckMessage) message).variableHeader().connectReturnCode());
                case SUBACK -> subAck.complete(((MqttSubAckMessage) message).payload().grantedQoSLevels().get(0));
                case PUBLISH -> received(ctx, (MqttPublishMessage) message);
                case PUBACK, PUBCOMP -> completions.completed(packetId(message), true);
                case PUBREC -> ctx.writeAndFlush(ack(MqttMessageType.PUBREL, MqttQoS.AT_LEAST_ONCE, packetId(message)));
                case PUBREL -> ctx.writeAndFlush(ack(MqttMessageType.PUBCOMP, MqttQoS.AT_MOST_ONCE, packetId(message)));
                default -> {
                    // PINGRESP and the like: nothing to do
                }
            }
        }

        private void received(ChannelHandlerContext ctx, MqttPublishMessage publish) {
            MqttQoS qos = publish.fixedHeader().qosLevel();
            deliveries.accept(publish);
            if (qos == MqttQoS.AT_LEAST_ONCE) {
                ctx.writeAndFlush(ack(MqttMessageType.PUBACK, MqttQoS.AT_MOST_ONCE, publish.variableHeader().packetId()));
            } else if (qos == MqttQoS.EXACTLY_ONCE) {
                // Delivered at PUBLISH, not at PUBREL: a duplicate shows as such instead of being hidden.
                ctx.writeAndFlush(ack(MqttMessageType.PUBREC, MqttQoS.AT_MOST_ONCE, publish.variableHeader().packetId()));
            }
        }

        private static int packetId(MqttMessage message) {
            return ((MqttMessageIdVariableHeader) message.variableHeader()).messageId();
        }

        private static MqttMessage ack(MqttMessageType type, MqttQoS qos, int packetId) {
            return new MqttMessage(new MqttFixedHeader(type, false, qos, false, 0),
                    MqttMessageIdVariableHeader.from(packetId));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            IllegalStateException closed = new IllegalStateException("connection closed");
            connAck.completeExceptionally(closed);
            subAck.completeExceptionally(closed);
            if (!closing) {
                lost.accept(null);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!closing) {
                lost.accept(cause);
            }
            ctx.close();
        }
    }
}
