package io.eventyard.broker.mqtt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket (the JDK's client) speaking hand-built MQTT 3.1.1, to choose frame boundaries a client library
 * hides: a packet over several frames, several packets in one frame, a text frame. What the broker sends back
 * is read as one byte stream, whatever frames it came in.
 */
final class RawMqttWebSocket implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newHttpClient();
    private final WebSocket socket;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private int consumed;

    /** Opens {@code uri} offering {@code subprotocol}; fails as the JDK does when the handshake is refused. */
    RawMqttWebSocket(String uri, String subprotocol) throws Exception {
        socket = http.newWebSocketBuilder()
                .subprotocols(subprotocol)
                .connectTimeout(WAIT)
                .buildAsync(URI.create(uri), new Listener())
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The subprotocol the broker selected. */
    String subprotocol() {
        return socket.getSubprotocol();
    }

    /** Sends each array as a binary frame of its own, a complete WebSocket message. */
    void sendFrames(byte[]... frames) throws Exception {
        for (byte[] frame : frames) {
            socket.sendBinary(ByteBuffer.wrap(frame), true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Sends one binary message in fragments: a binary frame, then continuation frames, one per array. */
    void sendFragments(byte[]... fragments) throws Exception {
        for (int i = 0; i < fragments.length; i++) {
            socket.sendBinary(ByteBuffer.wrap(fragments[i]), i == fragments.length - 1)
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void sendText(String text) throws Exception {
        socket.sendText(text, true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next whole MQTT packet the broker sent (fixed header included), waiting for its bytes to arrive. */
    byte[] nextPacket() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (received) {
            while (true) {
                byte[] bytes = received.toByteArray();
                int length = packetLength(bytes, consumed);
                if (length > 0) {
                    byte[] packet = Arrays.copyOfRange(bytes, consumed, consumed + length);
                    consumed += length;
                    return packet;
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || closeCode.isDone()) {
                    throw new IOException("no whole MQTT packet within " + WAIT + " (connection closed: "
                            + closeCode.isDone() + ")");
                }
                received.wait(left);
            }
        }
    }

    // the length of the packet at offset, or 0 while its bytes are not all there
    private static int packetLength(byte[] bytes, int offset) {
        int value = 0;
        int shift = 0;
        for (int i = offset + 1; i < bytes.length && i <= offset + 4; i++) {
            value |= (bytes[i] & 0x7F) << shift;
            shift += 7;
            if ((bytes[i] & 0x80) == 0) {
                int total = i - offset + 1 + value;
                return bytes.length - offset >= total ? total : 0;
            }
        }
        return 0;
    }

    /** The close code the broker sent, or null if it sent none within the wait. */
    Integer closeCode() throws Exception {
        try {
            return closeCode.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException none) {
            return null;
        }
    }

    /** A 3.1.1 CONNECT, clean session, keep alive 60 s, with username and password. */
    static byte[] connect(String clientId, String user, String password) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, "MQTT");
        body.write(4);
        body.write(0x02 | 0x80 | 0x40);
        body.write(0);
        body.write(60);
        string(body, clientId);
        string(body, user);
        string(body, password);
        return RawMqttSocket.packet(0x10, body.toByteArray());
    }

    /** A SUBSCRIBE to one filter at QoS 0. */
    static byte[] subscribe(int packetId, String filter) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(packetId >> 8);
        body.write(packetId & 0xFF);
        string(body, filter);
        body.write(0);
        return RawMqttSocket.packet(0x82, body.toByteArray());
    }

    /** A QoS 0 PUBLISH. */
    static byte[] publish(String topic, String payload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, topic);
        body.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
        return RawMqttSocket.packet(0x30, body.toByteArray());
    }

    static final byte[] PINGREQ = {(byte) 0xC0, 0x00};

    private static void string(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            synchronized (received) {
                received.writeBytes(bytes);
                received.notifyAll();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            synchronized (received) {
                received.notifyAll();
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.completeExceptionally(error);
            synchronized (received) {
                received.notifyAll();
            }
        }
    }
}
