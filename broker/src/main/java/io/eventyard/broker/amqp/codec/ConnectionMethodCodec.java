package io.eventyard.broker.amqp.codec;

import io.netty.buffer.ByteBuf;

import java.util.Map;

/**
 * Reads and writes the arguments of the {@code connection} methods: fields in spec order (spec 4.2.4), consecutive
 * bits packed into octets, low bit first (spec 4.2.5.2). A truncated argument list surfaces as the
 * {@link IndexOutOfBoundsException} of the buffer, which {@link MethodCodec} turns into the protocol error.
 */
final class ConnectionMethodCodec {

    private static final ConnectionMethod.CloseOk CLOSE_OK = new ConnectionMethod.CloseOk();
    private static final ConnectionMethod.Unblocked UNBLOCKED = new ConnectionMethod.Unblocked();
    private static final ConnectionMethod.UpdateSecretOk UPDATE_SECRET_OK = new ConnectionMethod.UpdateSecretOk();

    private ConnectionMethodCodec() {
    }

    /** The method, or {@code null} when the class has no method with that id. */
    static ConnectionMethod decode(int methodId, ByteBuf in) {
        switch (methodId) {
            case ConnectionMethod.Start.METHOD_ID: {
                int versionMajor = in.readUnsignedByte();
                int versionMinor = in.readUnsignedByte();
                Map<String, Object> serverProperties = FieldTableCodec.readTable(in);
                String mechanisms = PrimitiveCodec.readLongstrText(in);
                String locales = PrimitiveCodec.readLongstrText(in);
                return new ConnectionMethod.Start(versionMajor, versionMinor, serverProperties, mechanisms, locales);
            }
            case ConnectionMethod.StartOk.METHOD_ID: {
                Map<String, Object> clientProperties = FieldTableCodec.readTable(in);
                String mechanism = PrimitiveCodec.readShortstr(in);
                byte[] response = PrimitiveCodec.readLongstrBytes(in);
                String locale = PrimitiveCodec.readShortstr(in);
                return new ConnectionMethod.StartOk(clientProperties, mechanism, response, locale);
            }
            case ConnectionMethod.Secure.METHOD_ID: {
                byte[] challenge = PrimitiveCodec.readLongstrBytes(in);
                return new ConnectionMethod.Secure(challenge);
            }
            case ConnectionMethod.SecureOk.METHOD_ID: {
                byte[] response = PrimitiveCodec.readLongstrBytes(in);
                return new ConnectionMethod.SecureOk(response);
            }
            case ConnectionMethod.Tune.METHOD_ID: {
                int channelMax = in.readUnsignedShort();
                int frameMax = in.readInt();
                int heartbeat = in.readUnsignedShort();
                return new ConnectionMethod.Tune(channelMax, frameMax, heartbeat);
            }
            case ConnectionMethod.TuneOk.METHOD_ID: {
                int channelMax = in.readUnsignedShort();
                int frameMax = in.readInt();
                int heartbeat = in.readUnsignedShort();
                return new ConnectionMethod.TuneOk(channelMax, frameMax, heartbeat);
            }
            case ConnectionMethod.Open.METHOD_ID: {
                String virtualHost = PrimitiveCodec.readShortstr(in);
                PrimitiveCodec.skipShortstr(in); // reserved
                in.skipBytes(1); // reserved bits
                return new ConnectionMethod.Open(virtualHost);
            }
            case ConnectionMethod.OpenOk.METHOD_ID: {
                PrimitiveCodec.skipShortstr(in); // reserved
                return new ConnectionMethod.OpenOk();
            }
            case ConnectionMethod.Close.METHOD_ID: {
                int replyCode = in.readUnsignedShort();
                String replyText = PrimitiveCodec.readShortstr(in);
                int failingClassId = in.readUnsignedShort();
                int failingMethodId = in.readUnsignedShort();
                return new ConnectionMethod.Close(replyCode, replyText, failingClassId, failingMethodId);
            }
            case ConnectionMethod.CloseOk.METHOD_ID:
                return CLOSE_OK;
            case ConnectionMethod.Blocked.METHOD_ID: {
                String reason = PrimitiveCodec.readShortstr(in);
                return new ConnectionMethod.Blocked(reason);
            }
            case ConnectionMethod.Unblocked.METHOD_ID:
                return UNBLOCKED;
            case ConnectionMethod.UpdateSecret.METHOD_ID: {
                byte[] newSecret = PrimitiveCodec.readLongstrBytes(in);
                String reason = PrimitiveCodec.readShortstr(in);
                return new ConnectionMethod.UpdateSecret(newSecret, reason);
            }
            case ConnectionMethod.UpdateSecretOk.METHOD_ID:
                return UPDATE_SECRET_OK;
            default:
                return null;
        }
    }

    static void encode(ConnectionMethod method, ByteBuf out) {
        switch (method.methodId()) {
            case ConnectionMethod.Start.METHOD_ID: {
                ConnectionMethod.Start m = (ConnectionMethod.Start) method;
                out.writeByte(m.versionMajor());
                out.writeByte(m.versionMinor());
                FieldTableCodec.writeTable(out, m.serverProperties());
                PrimitiveCodec.writeLongstr(out, m.mechanisms());
                PrimitiveCodec.writeLongstr(out, m.locales());
                return;
            }
            case ConnectionMethod.StartOk.METHOD_ID: {
                ConnectionMethod.StartOk m = (ConnectionMethod.StartOk) method;
                FieldTableCodec.writeTable(out, m.clientProperties());
                PrimitiveCodec.writeShortstr(out, m.mechanism());
                PrimitiveCodec.writeLongstr(out, m.response());
                PrimitiveCodec.writeShortstr(out, m.locale());
                return;
            }
            case ConnectionMethod.Secure.METHOD_ID: {
                ConnectionMethod.Secure m = (ConnectionMethod.Secure) method;
                PrimitiveCodec.writeLongstr(out, m.challenge());
                return;
            }
            case ConnectionMethod.SecureOk.METHOD_ID: {
                ConnectionMethod.SecureOk m = (ConnectionMethod.SecureOk) method;
                PrimitiveCodec.writeLongstr(out, m.response());
                return;
            }
            case ConnectionMethod.Tune.METHOD_ID: {
                ConnectionMethod.Tune m = (ConnectionMethod.Tune) method;
                out.writeShort(m.channelMax());
                out.writeInt(m.frameMax());
                out.writeShort(m.heartbeat());
                return;
            }
            case ConnectionMethod.TuneOk.METHOD_ID: {
                ConnectionMethod.TuneOk m = (ConnectionMethod.TuneOk) method;
                out.writeShort(m.channelMax());
                out.writeInt(m.frameMax());
                out.writeShort(m.heartbeat());
                return;
            }
            case ConnectionMethod.Open.METHOD_ID: {
                ConnectionMethod.Open m = (ConnectionMethod.Open) method;
                PrimitiveCodec.writeShortstr(out, m.virtualHost());
                out.writeByte(0); // reserved: empty shortstr
                out.writeByte(0); // reserved bits
                return;
            }
            case ConnectionMethod.OpenOk.METHOD_ID: {
                out.writeByte(0); // reserved: empty shortstr
                return;
            }
            case ConnectionMethod.Close.METHOD_ID: {
                ConnectionMethod.Close m = (ConnectionMethod.Close) method;
                out.writeShort(m.replyCode());
                PrimitiveCodec.writeShortstr(out, m.replyText());
                out.writeShort(m.failingClassId());
                out.writeShort(m.failingMethodId());
                return;
            }
            case ConnectionMethod.CloseOk.METHOD_ID:
                return;
            case ConnectionMethod.Blocked.METHOD_ID: {
                ConnectionMethod.Blocked m = (ConnectionMethod.Blocked) method;
                PrimitiveCodec.writeShortstr(out, m.reason());
                return;
            }
            case ConnectionMethod.Unblocked.METHOD_ID:
                return;
            case ConnectionMethod.UpdateSecret.METHOD_ID: {
                ConnectionMethod.UpdateSecret m = (ConnectionMethod.UpdateSecret) method;
                PrimitiveCodec.writeLongstr(out, m.newSecret());
                PrimitiveCodec.writeShortstr(out, m.reason());
                return;
            }
            case ConnectionMethod.UpdateSecretOk.METHOD_ID:
                return;
            default:
                throw new IllegalArgumentException("no connection method with id " + method.methodId());
        }
    }
}
