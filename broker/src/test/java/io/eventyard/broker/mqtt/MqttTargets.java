package io.eventyard.broker.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;

/**
 * Which brokers the MQTT scenarios run against: the bundled broker always, and Mosquitto when
 * {@value #MOSQUITTO_URI_VARIABLE} is set to {@code tcp://host:port}, or {@code tcp://user:secret@host:port}
 * for a Mosquitto with a password file ({@code .ci/run} sets it where a Mosquitto answers on this machine).
 */
final class MqttTargets {

    static final String MOSQUITTO_URI_VARIABLE = "MQTT_COMPAT_URI";

    private MqttTargets() {
    }

    /** The method source of the parameterized scenario classes: new, not yet started targets. */
    static Stream<MqttTarget> selected() {
        List<MqttTarget> targets = new ArrayList<>();
        targets.add(new Bundled());
        String uri = System.getenv(MOSQUITTO_URI_VARIABLE);
        if (uri != null && !uri.isBlank()) {
            targets.add(mosquitto(URI.create(uri.trim())));
        }
        return targets.stream();
    }

    private static MqttTarget mosquitto(URI uri) {
        String user = null;
        String password = null;
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts[0];
            password = parts.length > 1 ? parts[1] : "";
        }
        if (uri.getPort() < 0) {
            throw new IllegalArgumentException(MOSQUITTO_URI_VARIABLE + "=" + uri + " names no port");
        }
        String serverUri = "tcp://" + uri.getHost() + ":" + uri.getPort();
        String finalUser = user;
        String finalPassword = password;
        return new MqttTarget() {
            @Override
            public String name() {
                return "mosquitto";
            }

            @Override
            public String serverUri() {
                return serverUri;
            }

            @Override
            public String username() {
                return finalUser;
            }

            @Override
            public String password() {
                return finalPassword;
            }

            @Override
            public void close() {
            }

            @Override
            public String toString() {
                return name();
            }
        };
    }

    /** A bundled broker a test started itself, with its default user. */
    static MqttTarget running(Broker broker) {
        return new MqttTarget() {
            @Override
            public String name() {
                return "bundled";
            }

            @Override
            public String serverUri() {
                return "tcp://127.0.0.1:" + broker.mqttPort();
            }

            @Override
            public String username() {
                return broker.config().defaultUser();
            }

            @Override
            public String password() {
                return broker.config().defaultPassword();
            }

            @Override
            public void close() {
            }
        };
    }

    /** The bundled broker in this JVM, on free loopback ports, started on first use and stopped after the class. */
    static final class Bundled implements MqttTarget {

        private Path dataDir;
        private Broker broker;

        Broker broker() {
            if (broker == null) {
                try {
                    dataDir = Files.createTempDirectory("eventyard-mqtt-");
                    broker = Broker.start(BrokerConfig.forTests(dataDir));
                } catch (IOException e) {
                    throw new UncheckedIOException("the bundled broker did not start", e);
                }
            }
            return broker;
        }

        @Override
        public String name() {
            return "bundled";
        }

        @Override
        public String serverUri() {
            return "tcp://127.0.0.1:" + broker().mqttPort();
        }

        @Override
        public String username() {
            return broker().config().defaultUser();
        }

        @Override
        public String password() {
            return broker().config().defaultPassword();
        }

        @Override
        public void close() {
            if (broker != null) {
                broker.close();
                broker = null;
            }
            if (dataDir != null) {
                try (Stream<Path> paths = Files.walk(dataDir)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                } catch (IOException ignored) {
                    // a temp dir left behind is not worth failing a test for
                }
            }
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
