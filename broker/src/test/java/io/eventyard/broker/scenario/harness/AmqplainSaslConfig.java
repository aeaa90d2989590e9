package io.eventyard.broker.scenario.harness;

import com.rabbitmq.client.LongString;
import com.rabbitmq.client.SaslConfig;
import com.rabbitmq.client.SaslMechanism;
import com.rabbitmq.client.impl.LongStringHelper;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The AMQPLAIN mechanism, which the Java client does not ship: the response is a field table's content (without
 * its length prefix) holding {@code LOGIN} and {@code PASSWORD} as long strings, as older clients send it.
 */
public final class AmqplainSaslConfig implements SaslConfig {

    public static final String NAME = "AMQPLAIN";

    @Override
    public SaslMechanism getSaslMechanism(String[] serverMechanisms) {
        if (!Arrays.asList(serverMechanisms).contains(NAME)) {
            return null;
        }
        return new SaslMechanism() {
            @Override
            public String getName() {
                return NAME;
            }

            @Override
            public LongString handleChallenge(LongString challenge, String username, String password) {
                return LongStringHelper.asLongString(response(username, password));
            }
        };
    }

    private static byte[] response(String username, String password) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            longStringField(out, "LOGIN", username);
            longStringField(out, "PASSWORD", password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void longStringField(DataOutputStream out, String name, String value) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeByte(nameBytes.length);
        out.write(nameBytes);
        out.writeByte('S');
        out.writeInt(valueBytes.length);
        out.write(valueBytes);
    }
}
