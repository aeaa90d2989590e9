package io.eventyard.broker.amqp.handler;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.eventyard.broker.BrokerConfig;
import io.eventyard.broker.amqp.codec.AmqpCommand;
import io.eventyard.broker.amqp.codec.AmqpFrameDecoder;
import io.eventyard.broker.amqp.codec.AmqpFrameEncoder;
import io.eventyard.broker.amqp.codec.ConnectionMethod;
import io.eventyard.broker.amqp.codec.FrameDecodingFailure;
import io.eventyard.broker.amqp.codec.Heartbeat;
import io.eventyard.broker.amqp.codec.ProtocolHeader;
import io.eventyard.broker.core.BrokerCore;
import io.eventyard.broker.net.CoreHandOff;
import io.eventyard.broker.net.PeerAddresses;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The network side of one AMQP connection, on its event loop: hands decoded commands to the core thread,
 * applies the tuned frame size and heartbeat to the pipeline, and stops reading while the core is behind.
 */
public final class AmqpFrameHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(AmqpFrameHandler.class);

    private final BrokerCore core;
    private final BrokerConfig config;
    private final AmqpFrameDecoder decoder;
    private final AmqpFrameEncoder encoder;
    private final CoreHandOff handOff;
    /** Set while a resource alarm blocks this publishing connection; event loop only. */
    private boolean alarmBlocked;
    /** Set while a queue this connection publishes to is not draining; event loop only. */
    private boolean flowPaused;
    private AmqpConnection connection;
    private AmqpOutput output;
    private boolean tuned;
    private ChannelHandlerContext connectionContext;
    private ScheduledFuture<?> handshakeTimeout;

    public AmqpFrameHandler(BrokerCore core, BrokerConfig config, AmqpFrameDecoder decoder, AmqpFrameEncoder encoder) {
        this.core = core;
        this.config = config;
        this.decoder = decoder;
        this.encoder = encoder;
        this.handOff = new CoreHandOff(core.executor()::execute, this::updateAutoRead);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connectionContext = ctx;
        InetSocketAddress remote = PeerAddresses.inet(ctx.channel().remoteAddress());
        InetSocketAddress local = PeerAddresses.inet(ctx.channel().localAddress());
        AmqpConnection[] created = new AmqpConnection[1];
        output = new AmqpOutput(ctx.channel(), () -> core.executor().execute(created[0]::resumeDeliveries));
        connection = new AmqpConnection(core, config, output, remote, local, new ReadGate() {
            @Override
            public void alarm(boolean blocked) {
                onEventLoop(ctx, () -> alarmBlocked = blocked);
            }

            @Override
            public void flow(boolean paused) {
                onEventLoop(ctx, () -> flowPaused = paused);
            }
        });
        created[0] = connection;
        handshakeTimeout = ctx.executor().schedule(() -> {
            if (connection.opened()) {
                return;
            }
            LOG.info("{}: closing connection that did not complete the handshake in {}", connection, config.handshakeTimeout());
            ctx.close();
        }, config.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }


    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof AmqpCommand command) {
            if (command.method() instanceof ConnectionMethod.TuneOk tuneOk && !tuned) {
                // once only: a second tune-ok is the core's to refuse, not the pipeline's to apply again
                tuned = true;
                applyTuning(ctx, tuneOk);
            }
            submit(ctx, command.body() == null ? 0 : command.body().length, () -> connection.handle(command));
        } else if (msg instanceof Heartbeat) {
            // its arrival already reset the idle timer; nothing else to do
        } else if (msg instanceof ProtocolHeader header) {
            if (header.supported()) {
                submit(ctx, 0, connection::start);
            } else {
                // AMQP 0-9-1 section 4.2.2: answer with the header we support, then close.
                ctx.writeAndFlush(ProtocolHeader.AMQP_0_9_1).addListener(ChannelFutureListener.CLOSE);
            }
        } else if (msg instanceof FrameDecodingFailure failure) {
            submit(ctx, 0, () -> connection.decodingFailed(failure.cause(), failure.channel()));
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    // Frame size and heartbeat take effect at once, on this thread, before the next frame is read.
    private void applyTuning(ChannelHandlerContext ctx, ConnectionMethod.TuneOk tuneOk) {
        int frameMax = tuneOk.frameMax() == 0 ? config.frameMax() : Math.min(tuneOk.frameMax(), config.frameMax());
        decoder.setFrameMax(frameMax);
        encoder.setFrameMax(frameMax);
        int heartbeat = tuneOk.heartbeat();
        if (heartbeat > 0) {
            // RabbitMQ sends a heartbeat when it has sent nothing for half the interval and gives up on a
            // peer it has heard nothing from for two intervals.
            ctx.pipeline().addBefore(ctx.name(), "idle",
                    new IdleStateHandler(heartbeat * 2000L, heartbeat * 500L, 0, TimeUnit.MILLISECONDS));
        }
    }

    private void submit(ChannelHandlerContext ctx, int bodyBytes, Runnable task) {
        handOff.submit(ctx, 1, bodyBytes, task);
    }

    // Reading stops while the core is behind on this connection, while an alarm blocks it, or while a queue
    // it publishes to is not draining. Event loop.
    private void updateAutoRead() {
        connectionContext.channel().config().setAutoRead(!handOff.paused() && !alarmBlocked && !flowPaused);
    }

    private void onEventLoop(ChannelHandlerContext ctx, Runnable change) {
        if (!ctx.executor().isShuttingDown()) {
            ctx.executor().execute(() -> {
                change.run();
                updateAutoRead();
            });
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(Heartbeat.INSTANCE);
            } else if (idle.state() == IdleState.READER_IDLE) {
                LOG.warn("{}: missed heartbeats from client, closing the connection", connection);
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        output.writabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (handshakeTimeout != null) {
            handshakeTimeout.cancel(false);
        }
        AmqpConnection closed = connection;
        core.executor().execute(closed::socketClosed);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{}: socket error, closing: {}", connection, cause.toString());
        ctx.close();
    }
}
