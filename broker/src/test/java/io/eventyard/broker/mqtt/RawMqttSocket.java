package io.eventyard.broker.mqtt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A bare TCP socket speaking hand-built MQTT 3.1.1: for what a well-behaved client library will not do (close
 * without DISCONNECT, fall silent past the keep alive, send garbage).
 */
final class RawMqttSocket implements AutoCloseable {

    private final Socket socket;

    RawMqttSocket(String serverUri) throws IOException {
        URI uri = URI.create(serverUri);
        socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(5_000);
    }

    void write(byte... bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** A 3.1.1 CONNECT (clean session) with an optional will, then the CONNACK's return code. */
    int connect(String clientId, String user, String password, int keepAliveSeconds, String willTopic,
                byte[] willPayload) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT".getBytes(StandardCharsets.US_ASCII));
        body.write(4);
        int flags = 0x02;
        if (willTopic != null) {
            flags |= 0x04; // will flag, QoS 0, no retain
        }
        if (user != null) {
            flags |= 0x80 | 0x40;
        }
        body.write(flags);
        body.write(keepAliveSeconds >> 8);
        body.write(keepAliveSeconds & 0xFF);
        writeString(body, clientId.getBytes(StandardCharsets.UTF_8));
        if (willTopic != null) {
            writeString(body, willTopic.getBytes(StandardCharsets.UTF_8));
            writeString(body, willPayload);
        }
        if (user != null) {
            writeString(body, user.getBytes(StandardCharsets.UTF_8));
            writeString(body, password.getBytes(StandardCharsets.UTF_8));
        }
        write(packet(0x10, body.toByteArray()));
        InputStream in = socket.getInputStream();
        int type = in.read();
        if (type != 0x20) {
            throw new IOException("expected CONNACK, got " + type);
        }
        in.read(); // remaining length 2
        in.read(); // session present
        return in.read();
    }

    /** Whether the broker closes the socket within the read timeout (whatever it sends first is skipped). */
    boolean closedByBroker() throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // a CONNACK or DISCONNECT before the close is fine
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    static byte[] packet(int firstByte, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            out.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
