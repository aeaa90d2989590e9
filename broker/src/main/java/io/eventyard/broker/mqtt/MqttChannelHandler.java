package io.eventyard.broker.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.eventyard.broker.BrokerConfig;
import io.eventyard.broker.core.BrokerCore;
import io.eventyard.broker.net.CoreHandOff;
import io.eventyard.broker.net.PeerAddresses;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The network side of one MQTT connection, on its event loop: hands decoded packets to the core thread,
 * enforces the keep alive and the time allowed for CONNECT, and stops reading while the core is behind.
 */
final class MqttChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(MqttChannelHandler.class);

    private final BrokerCore core;
    private final BrokerConfig config;
    private final MqttLimits limits;
    private final SessionRegistry sessions;
    private final RetainedMessages retained;
    private final CoreHandOff handOff;
    /** The packets of the read under way, handed to the core together; event loop only. */
    private final List<Runnable> batch = new ArrayList<>();
    private int batchBytes;
    private boolean connectSeen;
    /** Set once a packet failed to decode: reading stays off from then on. */
    private boolean badInput;
    /** Set while a resource alarm blocks this publishing connection. */
    private boolean alarmBlocked;
    private ChannelHandlerContext context;
    private MqttConnection connection;
    private ScheduledFuture<?> connectTimeout;

    MqttChannelHandler(BrokerCore core, BrokerConfig config, MqttLimits limits, SessionRegistry sessions,
                       RetainedMessages retained) {
        this.core = core;
        this.config = config;
        this.limits = limits;
        this.sessions = sessions;
        this.retained = retained;
        this.handOff = new CoreHandOff(core.executor()::execute, this::applyAutoRead);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        context = ctx;
        connection = new MqttConnection(core, config, limits, sessions, retained, new MqttOutput(ctx.channel(), blocked -> {
                    alarmBlocked = blocked;
                    applyAutoRead();
                }),
                PeerAddresses.inet(ctx.channel().remoteAddress()), PeerAddresses.inet(ctx.channel().localAddress()));
        // a socket that never sends CONNECT must not hold a connection slot forever
        connectTimeout = ctx.executor().schedule(() -> {
            if (!connectSeen) {
                LOG.info("{}: no CONNECT within {}, closing", connection, config.handshakeTimeout());
                ctx.close();
            }
        }, config.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }


    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MqttMessage packet)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            MqttConnection target = connection;
            if (packet.decoderResult().isFailure()) {
                Throwable cause = packet.decoderResult().cause();
                enqueue(0, () -> target.decodingFailed(cause));
                submitBatch(ctx);
                // the decoder discards whatever follows a bad packet; reading on would only waste work
                badInput = true;
                ctx.channel().config().setAutoRead(false);
                return;
            }
            if (packet instanceof MqttConnectMessage connect && !connectSeen) {
                connectSeen = true;
                startKeepAlive(ctx, limits.keepAliveFor(connect.variableHeader().keepAliveTimeSeconds(),
                        connect.variableHeader().version() == MqttConnection.LEVEL_5));
            }
            if (packet instanceof MqttPublishMessage publish) {
                // copied here so that no pooled buffer crosses to the core thread
                byte[] payload = ByteBufUtil.getBytes(publish.payload());
                InboundPublish inbound = new InboundPublish(publish.variableHeader().topicName(),
                        publish.fixedHeader().qosLevel().value(), publish.variableHeader().packetId(), payload,
                        publish.fixedHeader().isRetain(),
                        publish.variableHeader().properties());
                enqueue(payload.length, () -> target.publish(inbound));
            } else {
                enqueue(0, () -> target.handle(packet));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    // MQTT 3.1.1 section 3.1.2.10: a client silent for one and a half keep-alive intervals is gone.
    private void startKeepAlive(ChannelHandlerContext ctx, int keepAliveSeconds) {
        if (keepAliveSeconds > 0) {
            ctx.pipeline().addFirst("keepalive",
                    new IdleStateHandler(keepAliveSeconds * 1500L, 0, 0, TimeUnit.MILLISECONDS));
        }
    }

    /** Collects the work of one read; {@link #channelReadComplete} hands it to the core as one task. */
    private void enqueue(int bytes, Runnable task) {
        batch.add(task);
        batchBytes += bytes;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        submitBatch(ctx);
        ctx.fireChannelReadComplete();
    }

    // One core task per socket read rather than per packet: a device sending many small PUBLISHes costs the
    // core one queue hand-off per read. The back-pressure counts stay per packet.
    private void submitBatch(ChannelHandlerContext ctx) {
        if (batch.isEmpty()) {
            return;
        }
        List<Runnable> tasks = List.copyOf(batch);
        int bytes = batchBytes;
        batch.clear();
        batchBytes = 0;
        handOff.submit(ctx, tasks.size(), bytes, () -> {
            for (Runnable task : tasks) {
                try {
                    task.run();
                } catch (RuntimeException bug) {
                    // one packet's failure must not cost the packets read with it
                    LOG.error("{}: handling a packet failed", connection, bug);
                }
            }
        });
    }

    // Reading stops while the core is behind on this connection, while an alarm blocks it, or for good once a
    // packet failed to decode.
    private void applyAutoRead() {
        context.channel().config().setAutoRead(!handOff.paused() && !badInput && !alarmBlocked);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            MqttConnection expired = connection;
            core.executor().execute(expired::keepAliveExpired);
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            MqttConnection drained = connection;
            core.executor().execute(drained::resumeDeliveries);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connectTimeout != null) {
            connectTimeout.cancel(false);
        }
        submitBatch(ctx); // what was read before the close is handled before it
        MqttConnection closed = connection;
        core.executor().execute(closed::socketClosed);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{}: socket error, closing: {}", connection, cause.toString());
        ctx.close();
    }
}
