package io.eventyard.broker.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;

/**
 * Topic permissions over MQTT, as RabbitMQ's MQTT plugin checks them: a PUBLISH's and a will's topic against the
 * write expression, a SUBSCRIBE's filter against the read expression, both as their {@code amq.topic} keys, with
 * {@code {client_id}} filled in. Bundled broker only (Mosquitto has its own ACLs).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(30)
class TopicPermissionMqttIT {

    private static final String USER = "device";
    private static final String PASSWORD = "device-pw";

    private Broker broker;
    private MqttTarget asDevice;
    private MqttTarget asGuest;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        broker = Broker.start(BrokerConfig.forTests(dataDir));
        broker.admin().addUser(USER, PASSWORD);
        broker.admin().setPermissions(USER, "/", ".*", ".*", ".*");
        // a device writes under its client id, reads under its user name
        broker.admin().setTopicPermissions(USER, "/", "amq.topic", "^{client_id}\\.", "^{username}\\.");
        asDevice = target(USER, PASSWORD);
        asGuest = target(broker.config().defaultUser(), broker.config().defaultPassword());
    }

    @AfterAll
    void stop() {
        broker.close();
    }

    @Test
    void publishesUnderItsClientIdAndIsDisconnectedForAnyOtherTopic() throws Exception {
        String id = TestClients.uniqueId("sensor");
        try (TestClients.V3 guest = new TestClients(asGuest).v3(TestClients.uniqueId("watch"));
             TestClients.V3 device = new TestClients(asDevice).v3(id)) {
            guest.subscribe(id + "/#", 1);

            device.publish(id + "/temp", "21", 1);

            assertThat(guest.received().next(id).text()).isEqualTo("21");
            assertThatThrownBy(() -> device.publish("elsewhere/temp", "21", 1)).isInstanceOf(MqttException.class);
            assertThat(device.client().isConnected()).isFalse();
        }
    }

    @Test
    void subscribesUnderItsUserNameAndIsRefusedAnyOtherFilter() throws Exception {
        try (TestClients.V3 device = new TestClients(asDevice).v3(TestClients.uniqueId("sensor"))) {
            assertThat(device.subscribe(USER + "/commands/+", 1)).isEqualTo(1);
            assertThat(device.subscribe("#", 1)).as("SUBACK failure").isEqualTo(0x80);
            assertThat(device.client().isConnected()).isTrue();
        }
    }

    @Test
    void aWillOutsideTheWriteExpressionIsNotPublished() throws Exception {
        String id = TestClients.uniqueId("sensor");
        String marker = TestClients.uniqueId("marker");
        try (TestClients.V3 guest = new TestClients(asGuest).v3(TestClients.uniqueId("watch"))) {
            guest.subscribe("wills/#", 1);
            int before = connections();
            try (RawMqttSocket raw = new RawMqttSocket(asDevice.serverUri())) {
                assertThat(raw.connect(id, USER, PASSWORD, 60, "wills/" + id, "gone".getBytes(StandardCharsets.UTF_8)))
                        .isZero();
            }
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> connections() == before);

            guest.publish("wills/" + marker, "marker", 1);

            assertThat(guest.received().next("wills/").topic()).as("the will never came").isEqualTo("wills/" + marker);
        }
    }

    private int connections() {
        return broker.core().executor().call(() -> broker.core().connectionCount());
    }

    private MqttTarget target(String user, String password) {
        return new MqttTarget() {
            @Override
            public String name() {
                return "bundled as " + user;
            }

            @Override
            public String serverUri() {
                return "tcp://127.0.0.1:" + broker.mqttPort();
            }

            @Override
            public String username() {
                return user;
            }

            @Override
            public String password() {
                return password;
            }

            @Override
            public void close() {
            }
        };
    }
}
