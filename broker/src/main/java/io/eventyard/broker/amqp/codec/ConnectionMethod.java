package io.eventyard.broker.amqp.codec;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The methods of class {@code connection} (10). Opaque SASL data ({@code response}, {@code challenge},
 * {@code new-secret}) is {@code byte[]}; the space-separated lists {@code mechanisms} and {@code locales} are
 * {@code String}. Tables follow the value model of {@link io.eventyard.broker.core.message.FieldValues}.
 *
 * <p>{@code close} names its {@code class-id} and {@code method-id} fields {@code failingClassId} and
 * {@code failingMethodId}, since {@link Method#classId()} is taken. {@code frame-max} is an unsigned 32-bit value
 * held in an {@code int}: compare it with {@link Integer#compareUnsigned}.
 */
public sealed interface ConnectionMethod extends Method {

    int CLASS_ID = 10;

    @Override
    default int classId() {
        return CLASS_ID;
    }

    record Start(int versionMajor, int versionMinor, Map<String, Object> serverProperties, String mechanisms,
                 String locales) implements ConnectionMethod {
        public static final int METHOD_ID = 10;

        public Start {
            serverProperties = serverProperties == null ? Map.of() : serverProperties;
        }

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "connection.start";
        }
    }

    /** {@code toString} leaves out {@code response}: it holds credentials. */
    record StartOk(Map<String, Object> clientProperties, String mechanism, byte[] response, String locale)
            implements ConnectionMethod {
        public static final int METHOD_ID = 11;

        public StartOk {
            clientProperties = clientProperties == null ? Map.of() : clientProperties;
            response = response == null ? new byte[0] : response;
        }

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "connection.start-ok";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StartOk other && clientProperties.equals(other.clientProperties)
                    && Objects.equals(mechanism, other.mechanism)
                    && Arrays.equals(response, other.response) && Objects.equals(locale, other.locale);
        }

        @Override
        public int hashCode() {
            return Objects.hash(clientProperties, mechanism, Arrays.hashCode(response), locale);
        }

        @Override
        public String toString() {
            return "StartOk[clientProperties=" + clientProperties + ", mechanism=" + mechanism + ", response=("
                    + response.length + " bytes), locale=" + locale + "]";
        }
    }

    record Secure(byte[] challenge) implements ConnectionMethod {
        public static final int METHOD_ID = 20;

        public Secure {
            challenge = challenge == null ? new byte[0] : challenge;
        }

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "connection.secure";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Secure other && Arrays.equals(challenge, other.challenge);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(challenge);
        }

        @Override
        public String toString() {
            return "Secure[challenge=(" + challenge.length + " bytes)]";
        }
    }

    /** {@code toString} leaves out {@code response}: it holds credentials. */
    record SecureOk(byte[] response) implements ConnectionMethod {
        public static final int METHOD_ID = 21;

        public SecureOk {
            response = response == null ? new byte[0] : response;
        }

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "connection.secure-ok";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SecureOk other && Arrays.equals(response, other.response);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(response);
        }

        @Override
        public String toString() {
            return "SecureOk[response=(" + response.length + " bytes)]";
        }
    }

    record Tune(int channelMax, int frameMax, int heartbeat) implements ConnectionMethod {
        public static final int METHOD_ID = 30;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "connection.tune";
        }
    }

    record TuneOk(int channelMax, int frameMax, int heartbeat) implements ConnectionMethod {
        public static final int METHOD_ID = 31;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "connection.tune-ok";
        }
    }

    /** Reserved fields {@code capabilities} (shortstr) and {@code insist} (bit) are read and ignored. */
    record Open(String virtualHost) implements ConnectionMethod {
        public static final int METHOD_ID = 40;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "connection.open";
        }
    }

    /** Reserved field {@code known-hosts} (shortstr) is written empty. */
    record OpenOk() implements ConnectionMethod {
        public static final int METHOD_ID = 41;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "connection.open-ok";
        }
    }

    record Close(int replyCode, String replyText, int failingClassId, int failingMethodId)
            implements ConnectionMethod {
        public static final int METHOD_ID = 50;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "connection.close";
        }
    }

    record CloseOk() implements ConnectionMethod {
        public static final int METHOD_ID = 51;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "connection.close-ok";
        }
    }

    /** RabbitMQ extension: the server stopped reading from the connection (memory or disk alarm). */
    record Blocked(String reason) implements ConnectionMethod {
        public static final int METHOD_ID = 60;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "connection.blocked";
        }
    }

    record Unblocked() implements ConnectionMethod {
        public static final int METHOD_ID = 61;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "connection.unblocked";
        }
    }

    /** RabbitMQ extension: a client renews its credential (e.g. an OAuth 2 token). */
    record UpdateSecret(byte[] newSecret, String reason) implements ConnectionMethod {
        public static final int METHOD_ID = 70;

        public UpdateSecret {
            newSecret = newSecret == null ? new byte[0] : newSecret;
        }

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "connection.update-secret";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof UpdateSecret other && Arrays.equals(newSecret, other.newSecret)
                    && Objects.equals(reason, other.reason);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(newSecret) + Objects.hashCode(reason);
        }

        @Override
        public String toString() {
            return "UpdateSecret[newSecret=(" + newSecret.length + " bytes), reason=" + reason + "]";
        }
    }

    record UpdateSecretOk() implements ConnectionMethod {
        public static final int METHOD_ID = 71;

        @Override
        public int methodId() {
            return METHOD_ID;
        }

        @Override
        public String name() {
            return "connection.update-secret-ok";
        }
    }
}
