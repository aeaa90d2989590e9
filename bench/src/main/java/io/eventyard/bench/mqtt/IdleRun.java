package io.eventyard.bench.mqtt;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.eventyard.bench.orders.LatencyPercentiles;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * Opens K MQTT connections that do nothing but keep alive, holds them, and reads what they cost the
 * broker. The connections are Netty channels on two event loops with Netty's MQTT codec: no thread and
 * no client library per connection, so the client side stays small whatever K is. A few hundred CONNECTs
 * are outstanding at a time. On loopback, when K needs more source ports than the ephemeral range has,
 * the connections are spread over the source addresses 127.0.0.1, 127.0.0.2, ...
 *
 * <p>Memory is read from the broker's process, when given: heap after a full GC (jcmd) and the resident
 * set, before the first connect and again while holding; the difference per held connection is the cost.
 */
final class IdleRun {

    private static final int CONCURRENT_HANDSHAKES = 256;
    private static final long OPEN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(180);
    private static final PingReq PING = new PingReq();

    private final MqttTarget target;
    private final MqttWorkload workload;
    private final String prefix;
    private final ProcessMemory broker;
    private final PrintStream progress;
    private final Incidents incidents = new Incidents();

    IdleRun(MqttTarget target, MqttWorkload workload, String prefix, ProcessMemory broker, PrintStream progress) {
        this.target = target;
        this.workload = workload;
        this.prefix = prefix;
        this.broker = broker;
        this.progress = progress;
    }

    MqttResult run() throws InterruptedException {
        warnAboutDescriptors();
        Long heapBefore = broker == null ? null : broker.heapAfterFullGc();
        Long rssBefore = broker == null ? null : broker.residentBytes();
        IdleCounters counters = new IdleCounters(CONCURRENT_HANDSHAKES, incidents);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        List<Channel> channels = new ArrayList<>(workload.connections());
        try {
            InetSocketAddress remote = new InetSocketAddress(target.host(), target.port());
            List<InetAddress> sources = sourceAddresses(remote);
            long openStart = System.nanoTime();
            for (int i = 0; i < workload.connections(); i++) {
                long left = openStart + OPEN_TIMEOUT_NANOS - System.nanoTime();
                if (left <= 0 || !counters.handshakes.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                    incidents.note("opening took longer than " + TimeUnit.NANOSECONDS.toSeconds(OPEN_TIMEOUT_NANOS) + " s");
                    break;
                }
                IdleClientHandler handler = new IdleClientHandler(prefix + "-i" + i, target,
                        workload.keepAliveSeconds(), counters);
                ChannelFuture connecting = bootstrap(group, handler)
                        .connect(remote, sources.isEmpty() ? null : new InetSocketAddress(sources.get(i % sources.size()), 0));
                channels.add(connecting.channel());
                connecting.addListener(done -> {
                    if (!done.isSuccess()) {
                        handler.settle(false, Incidents.describe(done.cause()));
                    }
                });
                if (progress != null && (i + 1) % 5000 == 0) {
                    progress.printf(Locale.ROOT, "   [%s idle] %,d connects started, %,d accepted%n",
                            target.name(), i + 1, counters.accepted.get());
                }
            }
            // Wait for the last handshakes: every permit back.
            counters.handshakes.tryAcquire(CONCURRENT_HANDSHAKES, 60, TimeUnit.SECONDS);
            double openSeconds = (counters.lastSettledNanos.get() - openStart) / 1e9;
            if (progress != null) {
                progress.printf(Locale.ROOT, "   [%s idle] %,d accepted, %,d failed in %.1f s; holding %s s%n",
                        target.name(), counters.accepted.get(), counters.failed.get(), openSeconds,
                        workload.durationSeconds());
            }
            hold(channels, counters);
            Long heapHolding = broker == null ? null : broker.heapAfterFullGc();
            Long rssHolding = broker == null ? null : broker.residentBytes();
            Integer sockets = broker == null ? null : broker.openSockets();
            int held = (int) channels.stream().filter(channel -> channel.isActive()
                    && channel.pipeline().get(IdleClientHandler.class) != null
                    && channel.pipeline().get(IdleClientHandler.class).isConnected()).count();
            IdleFigures figures = new IdleFigures(workload.connections(), held,
                    (int) (counters.failed.get() + counters.closedByBroker.get()), openSeconds,
                    counters.pingsAnswered.get(), heapBefore, heapHolding, rssBefore, rssHolding, sockets);
            return new MqttResult(Layout.IDLE, workload, target.name(), null, workload.durationSeconds(), 0, 0,
                    LatencyPercentiles.NONE, LatencyPercentiles.NONE,
                    0, 0, figures, incidents.summary());
        } catch (RuntimeException e) {
            return MqttResult.failed(workload, target.name(), Incidents.describe(e), incidents.summary());
        } finally {
            counters.closing = true;
            for (Channel channel : channels) {
                channel.close();
            }
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(30, TimeUnit.SECONDS);
        }
    }

    private Bootstrap bootstrap(EventLoopGroup group, IdleClientHandler handler) {
        return new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                // Small socket buffers: an idle connection needs none, and K of them add up.
                .option(ChannelOption.SO_RCVBUF, 4096)
                .option(ChannelOption.SO_SNDBUF, 4096)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new MqttDecoder(1024), MqttEncoder.INSTANCE, handler);
                    }
                });
    }

    /**
     * Holds for the duration, each connection sending PINGREQ once per keep-alive period (the connections
     * spread over the period, so that the broker sees a steady trickle, not a wave).
     */
    private void hold(List<Channel> channels, IdleCounters counters) throws InterruptedException {
        long end = System.nanoTime() + (long) (workload.durationSeconds() * 1e9);
        int period = workload.keepAliveSeconds();
        long second = 0;
        while (System.nanoTime() < end) {
            int slot = (int) (second % period);
            for (int i = slot; i < channels.size(); i += period) {
                Channel channel = channels.get(i);
                if (channel.isActive()) {
                    channel.writeAndFlush(PING.message(), channel.voidPromise());
                }
            }
            second++;
            Thread.sleep(Math.max(1, Math.min(1000, (end - System.nanoTime()) / 1_000_000)));
            if (progress != null && second % 5 == 0) {
                progress.printf(Locale.ROOT, "   [%s idle] holding: %,d pings answered, %,d closed by the broker%n",
                        target.name(), counters.pingsAnswered.get(), counters.closedByBroker.get());
            }
        }
    }

    /**
     * No binding (the kernel chooses) unless the target is on loopback and K needs more ports than the
     * ephemeral range gives one address; then 127.0.0.1 .. 127.0.0.N.
     */
    private List<InetAddress> sourceAddresses(InetSocketAddress remote) {
        int count = workload.sourceAddresses();
        if (count == 0) {
            if (remote.getAddress() == null || !remote.getAddress().isLoopbackAddress()) {
                return List.of();
            }
            int perAddress = Math.max(1000, ephemeralPorts() * 3 / 4);
            count = (workload.connections() + perAddress - 1) / perAddress;
            if (count <= 1) {
                return List.of();
            }
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (int i = 1; i <= Math.min(count, 254); i++) {
            try {
                addresses.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i}));
            } catch (IOException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return addresses;
    }

    private static int ephemeralPorts() {
        try {
            String[] range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            return Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
        } catch (IOException | RuntimeException e) {
            return 28_232; // Linux's default range, 32768-60999
        }
    }

    private void warnAboutDescriptors() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os
                && os.getMaxFileDescriptorCount() < workload.connections() + 200L && progress != null) {
            progress.printf("   [%s idle] this JVM may open %,d files: not all %,d connections can be opened (ulimit -n)%n",
                    target.name(), os.getMaxFileDescriptorCount(), workload.connections());
        }
    }

    /** PINGREQ has no body: one fixed header for all, a fresh message object each write (Netty wants that). */
    private static final class PingReq {
        private final MqttFixedHeader header = new MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0);

        MqttMessage message() {
            return new MqttMessage(header);
        }
    }
}
