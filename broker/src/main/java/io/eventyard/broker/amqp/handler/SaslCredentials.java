package io.eventyard.broker.amqp.handler;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import io.eventyard.broker.amqp.codec.FieldTableCodec;
import io.eventyard.broker.core.message.FieldValues;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** A user name and password from connection.start-ok's response, for the two mechanisms RabbitMQ offers by default. */
record SaslCredentials(String user, String password) {

    static final String MECHANISMS = "PLAIN AMQPLAIN";

    static Optional<SaslCredentials> parse(String mechanism, byte[] response) {
        return switch (mechanism) {
            case "PLAIN" -> plain(response);
            case "AMQPLAIN" -> amqplain(response);
            default -> Optional.empty();
        };
    }

    static boolean supports(String mechanism) {
        return "PLAIN".equals(mechanism) || "AMQPLAIN".equals(mechanism);
    }

    // RFC 4616: [authzid] NUL authcid NUL passwd
    private static Optional<SaslCredentials> plain(byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8);
        int first = text.indexOf('\0');
        int second = first < 0 ? -1 : text.indexOf('\0', first + 1);
        if (second < 0) {
            return Optional.empty();
        }
        return Optional.of(new SaslCredentials(text.substring(first + 1, second), text.substring(second + 1)));
    }

    // AMQPLAIN: a field table without its length prefix, holding LOGIN and PASSWORD.
    private static Optional<SaslCredentials> amqplain(byte[] response) {
        ByteBuf buffer = Unpooled.buffer(response.length + 4);
        try {
            buffer.writeInt(response.length).writeBytes(response);
            Map<String, Object> table = FieldTableCodec.readTable(buffer);
            String login = FieldValues.asString(table.get("LOGIN"));
            String password = FieldValues.asString(table.get("PASSWORD"));
            return login == null || password == null ? Optional.empty()
                    : Optional.of(new SaslCredentials(login, password));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        } finally {
            buffer.release();
        }
    }
}
