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

    /** A packet as read: its first byte (type and flags) and its body. */
    record Packet(int firstByte, byte[] body) {
        int type() {
            return firstByte >> 4;
        }

        boolean dup() {
            return (firstByte & 0x08) != 0;
        }

        int qos() {
            return (firstByte >> 1) & 0x03;
        }

        /** The packet id of a PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK or UNSUBACK. */
        int packetId() {
            return ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
        }

        /** A 3.1.1 PUBLISH's topic (5.0 has properties after it, which this does not read). */
        String publishTopic() {
            int length = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
            return new String(body, 2, length, StandardCharsets.UTF_8);
        }

        /** A PUBLISH's packet id (QoS 1 and 2 only). */
        int publishPacketId() {
            int length = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
            return ((body[2 + length] & 0xFF) << 8) | (body[3 + length] & 0xFF);
        }
    }

    Packet readPacket() throws IOException {
        InputStream in = socket.getInputStream();
        int first = in.read();
        if (first < 0) {
            throw new IOException("closed");
        }
        int length = readVarInt(in);
        return new Packet(first, in.readNBytes(length));
    }

    /** The next packet of {@code type}, skipping others (a PUBACK racing a PUBLISH, say). */
    Packet readPacket(int type) throws IOException {
        while (true) {
            Packet packet = readPacket();
            if (packet.type() == type) {
                return packet;
            }
        }
    }

    /** A 3.1.1 CONNECT with clean session as given and no will; returns {session present, return code}. */
    int[] connect311(String clientId, String user, String password, boolean cleanSession) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT".getBytes(StandardCharsets.US_ASCII));
        body.write(4);
        int flags = cleanSession ? 0x02 : 0;
        if (user != null) {
            flags |= 0x80 | 0x40;
        }
        body.write(flags);
        body.write(0);
        body.write(60);
        writeString(body, clientId.getBytes(StandardCharsets.UTF_8));
        if (user != null) {
            writeString(body, user.getBytes(StandardCharsets.UTF_8));
            writeString(body, password.getBytes(StandardCharsets.UTF_8));
        }
        write(packet(0x10, body.toByteArray()));
        Packet connAck = readPacket();
        if (connAck.type() != 2) {
            throw new IOException("expected CONNACK, got type " + connAck.type());
        }
        return new int[] {connAck.body()[0] & 0x01, connAck.body()[1] & 0xFF};
    }

    /** A 5.0 CONNECT (clean start) with the given properties (encoded, without their length), then CONNACK. */
    Packet connect5(String clientId, String user, String password, byte[] properties) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT".getBytes(StandardCharsets.US_ASCII));
        body.write(5);
        body.write(0x02 | (user != null ? 0x80 | 0x40 : 0));
        body.write(0);
        body.write(60);
        writeVarInt(body, properties.length);
        body.writeBytes(properties);
        writeString(body, clientId.getBytes(StandardCharsets.UTF_8));
        if (user != null) {
            writeString(body, user.getBytes(StandardCharsets.UTF_8));
            writeString(body, password.getBytes(StandardCharsets.UTF_8));
        }
        write(packet(0x10, body.toByteArray()));
        return readPacket();
    }

    /** A 3.1.1 SUBSCRIBE of one filter; returns the SUBACK's code. */
    int subscribe311(int packetId, String filter, int qos) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(packetId >> 8);
        body.write(packetId & 0xFF);
        writeString(body, filter.getBytes(StandardCharsets.UTF_8));
        body.write(qos);
        write(packet(0x82, body.toByteArray()));
        Packet subAck = readPacket(9);
        return subAck.body()[2] & 0xFF;
    }

    /**
     * A PUBLISH; {@code properties} null for 3.1.1, else the 5.0 properties (encoded, without their length).
     */
    void publish(String topic, byte[] payload, int qos, int packetId, boolean dup, byte[] properties)
            throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, topic.getBytes(StandardCharsets.UTF_8));
        if (qos > 0) {
            body.write(packetId >> 8);
            body.write(packetId & 0xFF);
        }
        if (properties != null) {
            writeVarInt(body, properties.length);
            body.writeBytes(properties);
        }
        body.writeBytes(payload);
        write(packet(0x30 | (dup ? 0x08 : 0) | (qos << 1), body.toByteArray()));
    }

    /** A 5.0 SUBSCRIBE of one filter (no properties); returns the SUBACK's reason code. */
    int subscribe5(int packetId, String filter, int qos) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(packetId >> 8);
        body.write(packetId & 0xFF);
        body.write(0); // no properties
        writeString(body, filter.getBytes(StandardCharsets.UTF_8));
        body.write(qos);
        write(packet(0x82, body.toByteArray()));
        Packet subAck = readPacket(9);
        int propertiesLength = subAck.body()[2]; // short in these tests
        return subAck.body()[3 + propertiesLength] & 0xFF;
    }

    /** A 5.0 PUBLISH as read: its topic (empty when sent by alias), topic alias (0: none) and payload. */
    record Publish(String topic, int topicAlias, byte[] payload) {
    }

    Publish readPublish5() throws IOException {
        Packet packet = readPacket(3);
        byte[] body = packet.body();
        int topicLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
        String topic = new String(body, 2, topicLength, StandardCharsets.UTF_8);
        int at = 2 + topicLength + (packet.qos() > 0 ? 2 : 0);
        int propertiesLength = 0;
        int shift = 0;
        int digit;
        do {
            digit = body[at++] & 0xFF;
            propertiesLength |= (digit & 0x7F) << shift;
            shift += 7;
        } while ((digit & 0x80) != 0);
        int end = at + propertiesLength;
        int alias = 0;
        // only the properties this broker puts on such a PUBLISH in the tests: topic alias (0x23), two bytes
        while (at < end) {
            int id = body[at++] & 0xFF;
            if (id != 0x23) {
                throw new IOException("unexpected property " + id);
            }
            alias = ((body[at] & 0xFF) << 8) | (body[at + 1] & 0xFF);
            at += 2;
        }
        return new Publish(topic, alias, java.util.Arrays.copyOfRange(body, end, body.length));
    }

    /** PUBACK (0x40), PUBREC (0x50), PUBREL (0x62) or PUBCOMP (0x70) for {@code packetId}. */
    void ack(int firstByte, int packetId) throws IOException {
        write(packet(firstByte, new byte[] {(byte) (packetId >> 8), (byte) packetId}));
    }

    private static void writeVarInt(ByteArrayOutputStream out, int value) {
        do {
            int digit = value % 128;
            value /= 128;
            out.write(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
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
