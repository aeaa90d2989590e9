package io.eventyard.broker.scenario.harness;

import com.rabbitmq.client.ConnectionFactory;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * A bare TCP connection that speaks AMQP 0-9-1 frame by frame, for what the Java client will not send: bad
 * headers, oversized or truncated frames, frames on channels that are not open, silence instead of heartbeats.
 * Every read is bounded by {@link Waits#DEFAULT}. Used by the test thread only.
 */
public final class RawAmqpSocket implements AutoCloseable {

    public static final byte[] PROTOCOL_HEADER = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final ConnectionFactory settings;

    private RawAmqpSocket(Socket socket, ConnectionFactory settings) throws IOException {
        this.socket = socket;
        this.settings = settings;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
    }

    /** Connects to where {@code settings} points; its user, password and virtual host serve {@link #handshake}. */
    public static RawAmqpSocket connect(ConnectionFactory settings) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(settings.getHost(), settings.getPort()), (int) Waits.DEFAULT.toMillis());
        socket.setSoTimeout((int) Waits.DEFAULT.toMillis());
        socket.setTcpNoDelay(true);
        return new RawAmqpSocket(socket, settings);
    }

    /** Opens a connection accepting the broker's limits, without heartbeats. */
    public Tune handshake() throws IOException {
        return handshake(proposed -> proposed.withHeartbeat(0));
    }

    /**
     * Protocol header, {@code start}/{@code start-ok} with PLAIN, {@code tune}/{@code tune-ok} with what
     * {@code answer} makes of the broker's proposal, {@code open}/{@code open-ok}. Returns the broker's proposal.
     */
    public Tune handshake(UnaryOperator<Tune> answer) throws IOException {
        write(PROTOCOL_HEADER);
        expectMethod(0, 10, 10);
        byte[] response = ("\0" + settings.getUsername() + "\0" + settings.getPassword()).getBytes(StandardCharsets.UTF_8);
        writeMethod(0, MethodWriter.method(10, 11)
                .emptyTable().shortString("PLAIN").longString(response).shortString("en_US"));
        MethodReader tune = expectMethod(0, 10, 30).arguments();
        Tune proposed = new Tune(tune.shortInt(), (int) tune.longInt(), tune.shortInt());
        Tune agreed = answer.apply(proposed);
        writeMethod(0, MethodWriter.method(10, 31)
                .shortInt(agreed.channelMax()).longInt(agreed.frameMax()).shortInt(agreed.heartbeat()));
        writeMethod(0, MethodWriter.method(10, 40).shortString(settings.getVirtualHost()).shortString("").bits(false));
        expectMethod(0, 10, 41);
        return proposed;
    }

    public void openChannel(int channel) throws IOException {
        writeMethod(channel, MethodWriter.method(20, 10).shortString(""));
        expectMethod(channel, 20, 11);
    }

    /** Client-initiated {@code channel.close}, awaiting {@code close-ok}. */
    public void closeChannel(int channel) throws IOException {
        writeMethod(channel, MethodWriter.method(20, 40).shortInt(200).shortString("bye").shortInt(0).shortInt(0));
        expectMethod(channel, 20, 41);
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void writeFrame(int type, int channel, byte[] payload) throws IOException {
        write(frame(type, channel, payload));
    }

    public void writeMethod(int channel, MethodWriter method) throws IOException {
        writeFrame(RawFrame.METHOD, channel, method.toBytes());
    }

    /** A content header for a basic-class message of {@code bodySize} octets and no properties (spec 4.2.6.1). */
    public void writeContentHeader(int channel, long bodySize) throws IOException {
        byte[] header = new byte[14];
        header[1] = 60;
        for (int i = 0; i < 8; i++) {
            header[4 + i] = (byte) (bodySize >>> (56 - 8 * i));
        }
        writeFrame(RawFrame.HEADER, channel, header);
    }

    /** {@code basic.publish} with a content header and one body frame. */
    public void publish(int channel, String exchange, String routingKey, byte[] body) throws IOException {
        writeMethod(channel, MethodWriter.method(60, 40).shortInt(0).shortString(exchange).shortString(routingKey).bits(false, false));
        writeContentHeader(channel, body.length);
        writeFrame(RawFrame.BODY, channel, body);
    }

    /** The encoded frame, for scenarios that send it whole, cut short or corrupted. */
    public static byte[] frame(int type, int channel, byte[] payload) {
        byte[] frame = new byte[payload.length + RawFrame.OVERHEAD];
        frame[0] = (byte) type;
        frame[1] = (byte) (channel >>> 8);
        frame[2] = (byte) channel;
        frame[3] = (byte) (payload.length >>> 24);
        frame[4] = (byte) (payload.length >>> 16);
        frame[5] = (byte) (payload.length >>> 8);
        frame[6] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 7, payload.length);
        frame[frame.length - 1] = (byte) RawFrame.FRAME_END;
        return frame;
    }

    /** The next frame, heartbeats included. Fails if none arrives in time or the broker closed the socket. */
    public RawFrame readFrame() throws IOException {
        try {
            int type = in.readUnsignedByte();
            int channel = in.readUnsignedShort();
            byte[] payload = new byte[in.readInt()];
            in.readFully(payload);
            int end = in.readUnsignedByte();
            if (end != RawFrame.FRAME_END) {
                throw new AssertionError("frame-end octet was " + end + " after a frame of type " + type);
            }
            return new RawFrame(type, channel, payload);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no frame from the broker within " + Waits.DEFAULT, e);
        } catch (EOFException e) {
            throw new AssertionError("the broker closed the socket", e);
        }
    }

    /** The next frame that is not a heartbeat. */
    public RawFrame readNonHeartbeat() throws IOException {
        RawFrame frame = readFrame();
        while (frame.type() == RawFrame.HEARTBEAT) {
            frame = readFrame();
        }
        return frame;
    }

    /** Reads exactly {@code count} octets: for what the broker sends outside frames (a protocol header). */
    public byte[] readBytes(int count) throws IOException {
        byte[] bytes = new byte[count];
        in.readFully(bytes);
        return bytes;
    }

    /** The next non-heartbeat frame, which must be the given method on the given channel. */
    public RawFrame expectMethod(int channel, int classId, int methodId) throws IOException {
        RawFrame frame = readNonHeartbeat();
        if (frame.channel() != channel || !frame.isMethod(classId, methodId)) {
            throw new AssertionError("expected method " + classId + "." + methodId + " on channel " + channel
                    + " but got " + describe(frame));
        }
        return frame;
    }

    /**
     * Reads until the broker's {@code connection.close}, answers {@code close-ok}, and returns the reason.
     * Frames in between (deliveries, heartbeats) are skipped.
     */
    public CloseReason awaitConnectionClose() throws IOException {
        RawFrame frame = readFrame();
        while (!(frame.channel() == 0 && frame.isMethod(10, 50))) {
            frame = readFrame();
        }
        MethodReader close = frame.arguments();
        CloseReason reason = CloseReason.connection(close.shortInt(), close.shortString());
        writeMethod(0, MethodWriter.method(10, 51));
        return reason;
    }

    /** Reads until the broker's {@code channel.close} on {@code channel} and returns the reason, without answering. */
    public CloseReason awaitChannelClose(int channel) throws IOException {
        RawFrame frame = readFrame();
        while (!(frame.channel() == channel && frame.isMethod(20, 40))) {
            if (frame.channel() == 0 && frame.isMethod(10, 50)) {
                throw new AssertionError("expected channel " + channel + " to close, but the connection closed: " + describe(frame));
            }
            frame = readFrame();
        }
        MethodReader close = frame.arguments();
        return CloseReason.channel(close.shortInt(), close.shortString());
    }

    /** Reads and discards until the broker closes the socket; fails if it is still open after {@link Waits#DEFAULT}. */
    public void awaitEndOfStream() throws IOException {
        long deadline = System.nanoTime() + Waits.DEFAULT.toNanos();
        byte[] discard = new byte[4096];
        try {
            while (System.nanoTime() < deadline) {
                if (in.read(discard) < 0) {
                    return;
                }
            }
        } catch (SocketTimeoutException e) {
            // falls through to the failure below
        } catch (IOException e) {
            return; // reset by the broker: closed just as well
        }
        throw new AssertionError("the broker kept the socket open for " + Waits.DEFAULT);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static String describe(RawFrame frame) {
        if (frame.isMethod(10, 50) || frame.isMethod(20, 40)) {
            MethodReader close = frame.arguments();
            return frame + " (close " + close.shortInt() + " " + close.shortString() + ")";
        }
        return frame.toString();
    }
}
