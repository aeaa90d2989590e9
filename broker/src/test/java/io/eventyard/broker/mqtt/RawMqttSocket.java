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

    InputStream input() throws IOException {
        return socket.getInputStream();
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

    /** A 5.0 CONNECT (clean start, no properties), then the CONNACK's reason code; its properties are skipped. */
    int connect5(String clientId, String user, String password) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT".getBytes(StandardCharsets.US_ASCII));
        body.write(5);
        body.write(0x02 | 0x80 | 0x40);
        body.write(0);
        body.write(60);
        body.write(0); // no properties
        writeString(body, clientId.getBytes(StandardCharsets.UTF_8));
        writeString(body, user.getBytes(StandardCharsets.UTF_8));
        writeString(body, password.getBytes(StandardCharsets.UTF_8));
        write(packet(0x10, body.toByteArray()));
        InputStream in = socket.getInputStream();
        if (in.read() != 0x20) {
            throw new IOException("expected CONNACK");
        }
        int length = readVarInt(in);
        in.read(); // session present
        int reason = in.read();
        in.readNBytes(length - 2);
        return reason;
    }

    /** The next packet's type byte and its first body byte (a DISCONNECT's reason code). */
    int[] readTypeAndFirstByte() throws IOException {
        InputStream in = socket.getInputStream();
        int type = in.read();
        int length = readVarInt(in);
        byte[] body = in.readNBytes(length);
        return new int[] {type, body.length == 0 ? -1 : body[0] & 0xFF};
    }

    private static int readVarInt(InputStream in) throws IOException {
        int value = 0;
        int shift = 0;
        int digit;
        do {
            digit = in.read();
            if (digit < 0) {
                throw new IOException("closed");
            }
            value |= (digit & 0x7F) << shift;
            shift += 7;
        } while ((digit & 0x80) != 0);
        return value;
    }

    /** Whether the broker closes the socket within the read timeout (whatever it sends first is skipped). */
    boolean closedByBroker() throws IOException {
        return closedByBroker(5_000);
    }

    boolean closedByBroker(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
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
