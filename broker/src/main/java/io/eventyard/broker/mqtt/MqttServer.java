package io.eventyard.broker.mqtt;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.eventyard.broker.BrokerConfig;
import io.eventyard.broker.core.BrokerCore;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;

/** The MQTT listener (3.1.1 and 5.0 over TCP): binds the port and gives every accepted socket its pipeline. */
public final class MqttServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttServer.class);

    /**
     * MQTT 3.1.1 and 5.0 allow client ids of any length up to 65535 bytes; Netty's decoder would refuse more
     * than 23 characters (the 3.1 rule) unless told otherwise.
     */
    private static final int MAX_CLIENT_ID_LENGTH = 65535;

    private final Channel serverChannel;

    private MqttServer(Channel serverChannel) {
        this.serverChannel = serverChannel;
    }

    public static MqttServer bind(BrokerConfig config, BrokerCore core, EventLoopGroup boss, EventLoopGroup workers)
            throws InterruptedException {
        AtomicInteger open = new AtomicInteger();
        // One per listener: client ids are unique per broker, and this listener is the broker's only MQTT door.
        ClientIdRegistry clientIds = new ClientIdRegistry();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (open.incrementAndGet() > config.maxConnections()) {
                            open.decrementAndGet();
                            LOG.warn("refusing MQTT connection from {}: {} connections is the limit",
                                    channel.remoteAddress(), config.maxConnections());
                            channel.close();
                            return;
                        }
                        channel.closeFuture().addListener(f -> open.decrementAndGet());
                        channel.pipeline()
                                // the bound is checked on the remaining length, before any body is buffered
                                .addLast("decoder", new MqttDecoder(config.mqttMaxPacketSize(), MAX_CLIENT_ID_LENGTH))
                                .addLast("encoder", MqttEncoder.INSTANCE)
                                .addLast("mqtt", new MqttChannelHandler(core, config, clientIds));
                    }
                });
        Channel bound = bootstrap.bind(config.host(), config.mqttPort()).sync().channel();
        return new MqttServer(bound);
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
    }
}
