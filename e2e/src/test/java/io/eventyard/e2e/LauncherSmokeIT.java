package io.eventyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventyard.messaging.testing.RabbitMqVirtualHost;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./eventyard} as a user runs it, each part a process of its own: {@code up} (building the jars when they
 * are missing), orders over HTTP that end {@code SHIPPED} or {@code PAYMENT_FAILED} with exactly their e-mails in
 * the launcher's GreenMail, readings and positions from a real MQTT client in home-hub's API, then {@code down}
 * with nothing left running. Once on the bundled broker and H2 with the device simulator; once on this machine's
 * RabbitMQ, Mosquitto and PostgreSQL ({@code AMQP_COMPAT_URI}, {@code MQTT_COMPAT_URI}, {@code POSTGRES_URL};
 * skipped when one is unset), in a virtual host and databases of its own. Every port is a free one, never the
 * launcher's defaults, which the servers of this machine may hold.
 */
class LauncherSmokeIT {

    /** The first up of a checkout builds seven modules (1-3 minutes on two cores) before it starts anything. */
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration TELEMETRY_PATIENCE = Duration.ofSeconds(60);

    private static final Map<String, String> SERVICE_PORTS = Map.of("order-service", "ORDER_PORT",
            "payment-service", "PAYMENT_PORT", "shipping-service", "SHIPPING_PORT", "email-worker", "EMAIL_PORT",
            "home-hub", "HOMEHUB_PORT");
    private static final List<String> SERVICES = List.of("order-service", "payment-service", "shipping-service",
            "email-worker", "home-hub");
    private static final List<String> OTHER_PORTS = List.of("BROKER_AMQP_PORT", "BROKER_MQTT_PORT",
            "BROKER_MQTT_WS_PORT", "BROKER_HTTP_PORT", "SMTP_PORT", "MAIL_API_PORT");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Integer> ports = freePorts();
    private final ShopClient http = new ShopClient(service -> "http://127.0.0.1:"
            + ports.get(SERVICE_PORTS.get(service)));

    @Test
    void upServesOrdersAndTelemetryOnTheBundledBrokerAndDownStopsEverything(@TempDir Path stateDir)
            throws Exception {
        Map<String, String> settings = portSettings();
        // One home and one vehicle: enough to see the simulator's data arrive, little load on a small CI machine.
        settings.put("SIMULATOR_ARGS", "--homes 1 --vehicles 1 --threads 1");
        List<String> parts = Stream.of(List.of("mail", "broker"), SERVICES, List.of("device-simulator"))
                .flatMap(List::stream).toList();
        smokeRun(new Launcher(stateDir, settings), "tcp://127.0.0.1:" + ports.get("BROKER_MQTT_PORT"), parts,
                this::simulatedDevicesReachHomeHub);
    }

    @Test
    void upServesOrdersAndTelemetryOnRabbitMqMosquittoAndPostgresAndDownStopsEverything(@TempDir Path stateDir)
            throws Exception {
        String amqp = System.getenv("AMQP_COMPAT_URI");
        String mqtt = System.getenv("MQTT_COMPAT_URI");
        String postgres = System.getenv("POSTGRES_URL");
        assumeTrue(amqp != null && !amqp.isBlank(), "AMQP_COMPAT_URI is not set");
        assumeTrue(mqtt != null && !mqtt.isBlank(), "MQTT_COMPAT_URI is not set");
        assumeTrue(postgres != null && !postgres.isBlank(), "POSTGRES_URL is not set");
        try (RabbitMqVirtualHost vhost = new RabbitMqVirtualHost(amqp);
             ServiceDatabases databases = ServiceDatabases.postgres(postgres)) {
            Map<String, String> settings = portSettings();
            settings.put("AMQP_URI", vhost.amqpUri());
            settings.put("MQTT_URI", mqtt);
            // One URL per service as compose/postgres.env names them; the dialect is left to the launcher to infer.
            for (String service : SERVICES) {
                Map<String, Object> database = databases.propertiesFor(service);
                settings.put(service.toUpperCase(Locale.ROOT).replace('-', '_') + "_JDBC_URL",
                        String.valueOf(database.get("datasources.default.url")));
                // One server for all five, so one user and password.
                settings.put("EVENTYARD_DB_USERNAME", String.valueOf(database.get("datasources.default.username")));
                settings.put("EVENTYARD_DB_PASSWORD", String.valueOf(database.get("datasources.default.password")));
            }
            // Every run on this machine shares the Mosquitto: names of this run's own, no session left behind, and
            // no simulator publishing the same rooms and cars as everybody else's.
            settings.put("MQTT_CLIENT_ID", "eventyard-launcher-" + run);
            settings.put("HOME_HUB_MQTT_SHARED_GROUP", "eventyard-launcher-" + run);
            settings.put("HOME_HUB_MQTT_SESSION_EXPIRY", "PT0S");
            settings.put("SIMULATOR", "off");
            List<String> parts = Stream.concat(Stream.of("mail"), SERVICES.stream()).toList();
            smokeRun(new Launcher(stateDir, settings), mqtt, parts, () -> { });
        }
    }

    /** What a part of the stack must show besides what every run shows. */
    private interface StackCheck {
        void verify() throws Exception;
    }

    /**
     * up, the checks every run makes plus {@code more}, and down in any case; a failure carries the tail of every
     * part's log, since Surefire keeps the test's own output out of CI's console.
     */
    private void smokeRun(Launcher launcher, String mqttUri, List<String> parts, StackCheck more) throws Exception {
        Throwable failure = null;
        try {
            long started = System.nanoTime();
            Launcher.Result up = launcher.run(UP_TIMEOUT, "up");
            System.out.printf("./eventyard up took %d s:%n%s%n", Duration.ofNanos(System.nanoTime() - started)
                    .toSeconds(), up.output());
            assertThat(up.exitCode()).as("./eventyard up failed; it printed:\n%s", up.output()).isZero();
            assertThat(launcher.pids().keySet()).as("the parts up started")
                    .containsExactlyInAnyOrderElementsOf(parts);
            assertThat(up.output()).as("up prints where each service answers").contains(SERVICES.stream()
                    .map(service -> "http://127.0.0.1:" + ports.get(SERVICE_PORTS.get(service))).toList());
            assertThat(launcher.run(COMMAND_TIMEOUT, "status").output())
                    .contains(parts.stream().map(part -> "running " + part + " (pid").toList());

            ordersEndShippedOrPaymentFailedWithExactlyTheirMails();
            readingsAndPositionsFromAnMqttClientReachHomeHub(mqttUri);
            more.verify();
        } catch (Throwable e) {
            failure = e;
            e.addSuppressed(new Exception(launcher.logTails(40)));
            throw e;
        } finally {
            downStopsEverything(launcher, failure);
        }
    }

    private void ordersEndShippedOrPaymentFailedWithExactlyTheirMails() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>(); // order id -> final status
        Map<String, String> customers = new LinkedHashMap<>(); // order id -> e-mail
        for (String token : List.of("tok_approve", "tok_decline", "tok_approve")) {
            String email = "launcher-" + customers.size() + "-" + run + "@example.test";
            String orderId = http.placeOrder(email, token);
            expected.put(orderId, token.equals("tok_approve") ? "SHIPPED" : "PAYMENT_FAILED");
            customers.put(orderId, email);
        }
        OrderChainAssertions.awaitStatuses(http, expected);
        OrderChainAssertions.assertExactMails(new GreenMailApi(ports.get("MAIL_API_PORT")), expected, customers);
    }

    private void readingsAndPositionsFromAnMqttClientReachHomeHub(String mqttUri) throws Exception {
        String room = "smoke-" + run;
        String vehicle = "smoke-van-" + run;
        try (MqttClient client = new MqttClient(mqttUri, "eventyard-launcher-smoke-" + run, new MemoryPersistence())) {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true); // nothing of this client stays on a broker other runs share
            options.setUserName("guest");
            options.setPassword("guest".toCharArray());
            client.connect(options);
            // QoS 1: publish returns once the broker has the message.
            client.publish("home/" + room + "/temperature",
                    "{\"value\": 21.5, \"unit\": \"°C\"}".getBytes(StandardCharsets.UTF_8), 1, false);
            client.publish("fleet/vehicle/" + vehicle + "/location",
                    "{\"lat\": 52.3731, \"lon\": 4.8922, \"speedKmh\": 30}".getBytes(StandardCharsets.UTF_8), 1, false);
            client.disconnect();
        }

        await().atMost(TELEMETRY_PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode sensors = http.get("home-hub", "/sensors?room=" + room);
            assertThat(sensors).as("GET /sensors?room=%s", room).hasSize(1);
            JsonNode reading = sensors.get(0);
            assertThat(reading.path("sensorId").asText()).isEqualTo(room + "/temperature");
            assertThat(reading.path("value").asDouble()).isEqualTo(21.5);
            assertThat(reading.path("unit").asText()).isEqualTo("°C");
        });
        await().atMost(TELEMETRY_PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode position = vehicles().stream().filter(v -> v.path("vehicleId").asText().equals(vehicle))
                    .findFirst().orElse(null);
            assertThat(position).as("%s in GET /vehicles", vehicle).isNotNull();
            assertThat(position.path("lat").asDouble()).isCloseTo(52.3731, within(1e-6));
            assertThat(position.path("lon").asDouble()).isCloseTo(4.8922, within(1e-6));
        });
    }

    /** The simulator's one home and one vehicle: car-1 drives, the rooms of home 1 report. */
    private void simulatedDevicesReachHomeHub() {
        await().atMost(TELEMETRY_PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(vehicles().stream().map(v -> v.path("vehicleId").asText())).contains("car-1");
            assertThat(http.get("home-hub", "/sensors?room=kitchen")).as("the simulated kitchen's sensors")
                    .isNotEmpty();
        });
    }

    private List<JsonNode> vehicles() throws IOException, InterruptedException {
        return StreamSupport.stream(http.get("home-hub", "/vehicles").spliterator(), false).toList();
    }

    /**
     * down ends every process up started (their pids read before down removes the files) and frees every port;
     * after a failed run its own failures are only added to the first one.
     */
    private void downStopsEverything(Launcher launcher, Throwable earlier) throws Exception {
        try {
            Map<String, Long> started = launcher.pids();
            Launcher.Result down = launcher.run(COMMAND_TIMEOUT, "down");
            assertThat(down.exitCode()).as("./eventyard down failed; it printed:\n%s", down.output()).isZero();
            Map<String, Long> stillRunning = new HashMap<>(started);
            stillRunning.values().removeIf(pid -> !running(pid));
            assertThat(stillRunning).as("processes still running after down").isEmpty();
            List<String> answering = new ArrayList<>();
            ports.forEach((name, port) -> {
                if (answers(port)) {
                    answering.add(name + "=" + port);
                }
            });
            assertThat(answering).as("ports still answering after down").isEmpty();
            assertThat(launcher.run(COMMAND_TIMEOUT, "status").output()).doesNotContain("running");
        } catch (Exception | AssertionError e) {
            if (earlier == null) {
                throw e;
            }
            earlier.addSuppressed(e);
        }
    }

    private Map<String, String> portSettings() {
        Map<String, String> settings = new HashMap<>();
        ports.forEach((name, port) -> settings.put(name, String.valueOf(port)));
        return settings;
    }

    /** A free port for every port setting, all held open together so that no two are the same. */
    private static Map<String, Integer> freePorts() {
        List<String> names = Stream.concat(SERVICE_PORTS.values().stream(), OTHER_PORTS.stream()).toList();
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (String name : names) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports.put(name, socket.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new IllegalStateException("no free ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // it was only held to reserve the number
                }
            }
        }
    }

    /**
     * Whether the process runs. Where PID 1 reaps no orphans (as on this project's CI machine), a part that ended
     * lingers as a zombie, which {@link ProcessHandle#isAlive()} counts as alive; /proc says which it is.
     */
    private static boolean running(long pid) {
        if (!Files.isDirectory(Path.of("/proc/self"))) { // no procfs (macOS): the JDK's view
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            char state = stat.charAt(stat.lastIndexOf(')') + 2); // after "pid (command) "
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false; // no such process
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
