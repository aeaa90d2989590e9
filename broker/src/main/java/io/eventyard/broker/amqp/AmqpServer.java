package io.eventyard.broker.amqp;

import io.eventyard.broker.BrokerConfig;
import io.eventyard.broker.amqp.codec.AmqpFrameDecoder;
import io.eventyard.broker.amqp.codec.AmqpFrameEncoder;
import io.eventyard.broker.amqp.handler.AmqpFrameHandler;
import io.eventyard.broker.core.BrokerCore;
import io.eventyard.broker.net.TcpListener;
import io.netty.channel.EventLoopGroup;

/** The AMQP listener: binds the port and gives every accepted socket its pipeline. */
public final class AmqpServer implements AutoCloseable {

    /** AMQP 0-9-1 section 4.2.1: until tune-ok, frames may be no larger than the minimum every peer accepts. */
    private static final int FRAME_MIN_SIZE = 4096;

    private final TcpListener listener;

    private AmqpServer(TcpListener listener) {
        this.listener = listener;
    }

    public static AmqpServer bind(BrokerConfig config, BrokerCore core, EventLoopGroup boss, EventLoopGroup workers)
            throws InterruptedException {
        return new AmqpServer(TcpListener.bind("AMQP", config.host(), config.amqpPort(), config.maxConnections(),
                boss, workers, channel -> {
                    AmqpFrameDecoder decoder = new AmqpFrameDecoder(FRAME_MIN_SIZE, config.maxMessageSize());
                    AmqpFrameEncoder encoder = new AmqpFrameEncoder(config.frameMax());
                    channel.pipeline()
                            .addLast("decoder", decoder)
                            .addLast("encoder", encoder)
                            .addLast("amqp", new AmqpFrameHandler(core, config, decoder, encoder));
                }));
    }

    public int port() {
        return listener.port();
    }

    @Override
    public void close() {
        listener.close();
    }
}
