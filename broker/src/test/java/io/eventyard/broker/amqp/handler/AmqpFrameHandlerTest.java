package io.eventyard.broker.amqp.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.eventyard.broker.BrokerConfig;
import io.eventyard.broker.amqp.codec.AmqpCommand;
import io.eventyard.broker.amqp.codec.AmqpFrameDecoder;
import io.eventyard.broker.amqp.codec.AmqpFrameEncoder;
import io.eventyard.broker.amqp.codec.ChannelMethod;
import io.eventyard.broker.amqp.codec.ConnectionMethod;
import io.eventyard.broker.amqp.codec.FieldTableCodec;
import io.eventyard.broker.amqp.codec.Heartbeat;
import io.eventyard.broker.amqp.codec.Method;
import io.eventyard.broker.amqp.codec.ProtocolHeader;
import io.eventyard.broker.core.BrokerCore;
import io.eventyard.broker.core.CoreExecutor;
import io.eventyard.broker.core.auth.Permission;
import io.eventyard.broker.core.vhost.DurableDefinitions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * The AMQP pipeline as {@code AmqpServer} builds it (decoder, encoder, frame handler) on an embedded channel, with
 * a real core thread behind it. A client-side decoder and encoder turn codec values into bytes and back.
 *
 * <p>Replies are written from the core thread through the channel's event loop. The embedded event loop is not
 * thread-safe, so each round first waits for the core to finish what it was given, and only then runs the loop's
 * tasks on the test thread.
 */
class AmqpFrameHandlerTest {

    private static final long REPLY_TIMEOUT_MILLIS = 2000;
    private static final String LOGIN_REFUSED = "ACCESS_REFUSED - Login was refused using authentication mechanism "
            + "PLAIN. For details see the broker logfile.";

    private final CoreExecutor executor = new CoreExecutor();
    private final BrokerConfig config = BrokerConfig.defaults();
    private final BrokerCore core = new BrokerCore(executor, DurableDefinitions.NONE, Clock.systemUTC());
    private final AmqpFrameDecoder decoder = new AmqpFrameDecoder(4096, config.maxMessageSize());
    private final AmqpFrameEncoder encoder = new AmqpFrameEncoder(config.frameMax());
    private final EmbeddedChannel client = new EmbeddedChannel(new AmqpFrameDecoder(0, config.maxMessageSize()),
            new AmqpFrameEncoder());
    private EmbeddedChannel server;

    AmqpFrameHandlerTest() {
        executor.call(() -> {
            core.addVirtualHost("/");
            core.putUser("guest", "guest", List.of("administrator"));
            core.setPermission(new Permission("guest", "/", ".*", ".*", ".*"));
            return null;
        });
        // The client's decoder expects a protocol header first, as a server's does; it has no use for it.
        client.writeInbound(Unpooled.wrappedBuffer(ProtocolHeader.AMQP_0_9_1.bytes()));
        client.readInbound();
    }

    @AfterEach
    void closeEverything() {
        if (server != null) {
            server.finishAndReleaseAll();
        }
        client.finishAndReleaseAll();
        executor.close();
    }

    @Test
    void handshakeOpensTheConnection() {
        connectFrom(loopback());

        send(ProtocolHeader.AMQP_0_9_1);
        ConnectionMethod.Start start = (ConnectionMethod.Start) nextMethod(0);
        assertThat(start.versionMajor()).isZero();
        assertThat(start.versionMinor()).isEqualTo(9);
        assertThat(start.mechanisms()).isEqualTo("PLAIN AMQPLAIN");
        assertThat(start.locales()).isEqualTo("en_US");
        @SuppressWarnings("unchecked")
        Map<String, Object> capabilities = (Map<String, Object>) start.serverProperties().get("capabilities");
        assertThat(capabilities)
                .containsEntry("publisher_confirms", true)
                .containsEntry("consumer_cancel_notify", true)
                .containsEntry("authentication_failure_close", true)
                .containsEntry("basic.nack", true);

        send(0, startOk("PLAIN", plain("guest", "guest"), true));
        assertThat(nextMethod(0)).isEqualTo(new ConnectionMethod.Tune(2047, 131072, 60));

        send(0, new ConnectionMethod.TuneOk(2047, 131072, 0));
        send(0, new ConnectionMethod.Open("/"));
        assertThat(nextMethod(0)).isEqualTo(new ConnectionMethod.OpenOk());

        send(1, new ChannelMethod.Open());
        assertThat(nextMethod(1)).isEqualTo(new ChannelMethod.OpenOk());
        assertThat(executor.call(core::connectionCount)).isEqualTo(1);
    }

    @Test
    void amqplainLoginWorksToo() {
        connectFrom(loopback());
        send(ProtocolHeader.AMQP_0_9_1);
        nextMethod(0);

        send(0, startOk("AMQPLAIN", amqplain("guest", "guest"), true));

        assertThat(nextMethod(0)).isInstanceOf(ConnectionMethod.Tune.class);
    }

    @Test
    void amqp09HeaderIsAnsweredWithConnectionStart() {
        connectFrom(loopback());

        sendBytes(new byte[] {'A', 'M', 'Q', 'P', 1, 1, 0, 9});

        assertThat(nextMethod(0)).isInstanceOf(ConnectionMethod.Start.class);
    }

    @Test
    void unsupportedProtocolHeaderIsAnsweredWithOursAndTheSocketClosed() {
        connectFrom(loopback());

        sendBytes(new byte[] {'A', 'M', 'Q', 'P', 0, 1, 0, 0});

        assertThat(rawOutput()).containsExactly('A', 'M', 'Q', 'P', 0, 0, 9, 1);
        assertThat(server.isOpen()).isFalse();
    }

    @Test
    void wrongPasswordIsAnsweredWithConnectionClose403() {
        connectFrom(loopback());
        send(ProtocolHeader.AMQP_0_9_1);
        nextMethod(0);

        send(0, startOk("PLAIN", plain("guest", "wrong"), true));

        ConnectionMethod.Close close = (ConnectionMethod.Close) nextMethod(0);
        assertThat(close.replyCode()).isEqualTo(403);
        assertThat(close.replyText()).isEqualTo(LOGIN_REFUSED);
        assertThat(server.isOpen()).isTrue();

        send(0, new ConnectionMethod.CloseOk());
        awaitClosed();
        assertThat(executor.call(core::connectionCount)).isZero();
    }

    @Test
    void unknownUserIsRefusedLikeAWrongPassword() {
        connectFrom(loopback());
        send(ProtocolHeader.AMQP_0_9_1);
        nextMethod(0);

        send(0, startOk("PLAIN", plain("nobody", "guest"), true));

        assertThat(((ConnectionMethod.Close) nextMethod(0)).replyText()).isEqualTo(LOGIN_REFUSED);
    }

    @Test
    void clientWithoutAuthenticationFailureCloseOnlySeesTheSocketClose() {
        connectFrom(loopback());
        send(ProtocolHeader.AMQP_0_9_1);
        nextMethod(0);

        send(0, startOk("PLAIN", plain("guest", "wrong"), false));

        awaitClosed();
        assertThat(drainReplies()).isEmpty();
    }

    @Test
    void guestMayConnectFromLoopbackOnly() throws UnknownHostException {
        connectFrom(new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 10}), 40000));
        send(ProtocolHeader.AMQP_0_9_1);
        nextMethod(0);

        send(0, startOk("PLAIN", plain("guest", "guest"), true));

        ConnectionMethod.Close close = (ConnectionMethod.Close) nextMethod(0);
        assertThat(close.replyCode()).isEqualTo(403);
        assertThat(close.replyText()).isEqualTo(LOGIN_REFUSED);
    }

    @Test
    void unknownVirtualHostIsRefused() {
        openUpTo(new ConnectionMethod.TuneOk(2047, 131072, 0));

        send(0, new ConnectionMethod.Open("/nowhere"));

        ConnectionMethod.Close close = (ConnectionMethod.Close) nextMethod(0);
        assertThat(close.replyCode()).isEqualTo(530);
        assertThat(close.replyText()).isEqualTo("NOT_ALLOWED - vhost /nowhere not found");
    }

    @Test
    void tuneOkSetsTheFrameMaxOfDecoderAndEncoder() {
        openUpTo(new ConnectionMethod.TuneOk(2047, 8192, 0));

        assertThat(decoder.frameMax()).isEqualTo(8192);
        assertThat(encoder.frameMax()).isEqualTo(8192);
    }

    @Test
    void tuneOkWithoutFrameMaxTakesTheBrokers() {
        openUpTo(new ConnectionMethod.TuneOk(2047, 0, 0));

        assertThat(decoder.frameMax()).isEqualTo(config.frameMax());
    }

    @Test
    void tunedHeartbeatIsSentWhenTheBrokerHasBeenQuietForHalfTheInterval() {
        openUpTo(new ConnectionMethod.TuneOk(2047, 131072, 2));
        drainReplies();

        server.advanceTimeBy(1100, TimeUnit.MILLISECONDS);
        server.runScheduledPendingTasks();

        assertThat(drainReplies()).contains(Heartbeat.INSTANCE);
    }

    @Test
    void connectionThatNeverFinishesTheHandshakeIsClosed() {
        connectFrom(loopback());
        send(ProtocolHeader.AMQP_0_9_1);
        nextMethod(0);

        server.advanceTimeBy(config.handshakeTimeout().toMillis() + 1, TimeUnit.MILLISECONDS);
        server.runScheduledPendingTasks();

        assertThat(server.isOpen()).isFalse();
    }

    // ---- the client side ---------------------------------------------------------------------------------

    private void connectFrom(InetSocketAddress remote) {
        server = new RemoteEmbeddedChannel(remote, decoder, encoder, new AmqpFrameHandler(core, config, decoder, encoder));
    }

    private void openUpTo(ConnectionMethod.TuneOk tuneOk) {
        connectFrom(loopback());
        send(ProtocolHeader.AMQP_0_9_1);
        nextMethod(0);
        send(0, startOk("PLAIN", plain("guest", "guest"), true));
        nextMethod(0);
        send(0, tuneOk);
    }

    private void send(int channel, Method method) {
        send(AmqpCommand.of(channel, method));
    }

    private void send(Object frame) {
        client.writeOutbound(frame);
        for (ByteBuf bytes = client.readOutbound(); bytes != null; bytes = client.readOutbound()) {
            server.writeInbound(bytes);
        }
    }

    private void sendBytes(byte[] bytes) {
        server.writeInbound(Unpooled.wrappedBuffer(bytes));
    }

    /** The next method the broker sends, which must be on {@code channel}. */
    private Method nextMethod(int channel) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPLY_TIMEOUT_MILLIS);
        do {
            for (Object reply : drainReplies()) {
                if (reply instanceof AmqpCommand command) {
                    assertThat(command.channel()).as("channel of %s", command).isEqualTo(channel);
                    return command.method();
                }
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no reply within " + REPLY_TIMEOUT_MILLIS + " ms");
    }

    private void awaitClosed() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPLY_TIMEOUT_MILLIS);
        while (server.isOpen() && System.nanoTime() < deadline) {
            settle();
        }
        assertThat(server.isOpen()).as("socket closed").isFalse();
    }

    /** One round: the core finishes its queued work, then the event loop writes what the core handed it. */
    private List<Object> drainReplies() {
        settle();
        for (ByteBuf bytes = server.readOutbound(); bytes != null; bytes = server.readOutbound()) {
            client.writeInbound(bytes);
        }
        List<Object> replies = new ArrayList<>();
        for (Object reply = client.readInbound(); reply != null; reply = client.readInbound()) {
            replies.add(reply);
        }
        return replies;
    }

    private void settle() {
        executor.call(() -> null);
        server.runPendingTasks();
    }

    private byte[] rawOutput() {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf bytes = server.readOutbound(); bytes != null; bytes = server.readOutbound()) {
            all.writeBytes(bytes);
            bytes.release();
        }
        byte[] result = ByteBufUtil.getBytes(all);
        all.release();
        return result;
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
    }

    private static ConnectionMethod.StartOk startOk(String mechanism, byte[] response, boolean failureCloseCapable) {
        Map<String, Object> clientProperties = new LinkedHashMap<>();
        clientProperties.put("product", "AmqpFrameHandlerTest");
        if (failureCloseCapable) {
            clientProperties.put("capabilities", Map.of("authentication_failure_close", true));
        }
        return new ConnectionMethod.StartOk(clientProperties, mechanism, response, "en_US");
    }

    private static byte[] plain(String user, String password) {
        return ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
    }

    // AMQPLAIN: a field table without its length prefix.
    private static byte[] amqplain(String user, String password) {
        ByteBuf table = Unpooled.buffer();
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("LOGIN", user);
        credentials.put("PASSWORD", password);
        FieldTableCodec.writeTable(table, credentials);
        table.skipBytes(4);
        byte[] bytes = ByteBufUtil.getBytes(table);
        table.release();
        return bytes;
    }
}
