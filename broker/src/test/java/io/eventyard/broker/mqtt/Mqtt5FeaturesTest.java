package io.eventyard.broker.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MQTT 5.0 features one by one, with Paho's 5.0 client (and a raw socket for topic aliases), on the
 * bundled broker and, when {@value MqttTargets#MOSQUITTO_URI_VARIABLE} is set, on Mosquitto.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.eventyard.broker.mqtt.MqttTargets#selected")
@Timeout(60)
class Mqtt5FeaturesTest {

    private final MqttTarget target;
    private final TestClients clients;
    private final String p = TestClients.uniqueId("ey");

    Mqtt5FeaturesTest(MqttTarget target) {
        this.target = target;
        this.clients = new TestClients(target);
    }

    @Test
    void sharedSubscriptionSplitsMessagesAcrossTheGroup() throws Exception {
        try (TestClients.V5 one = clients.v5(p + "-1"); TestClients.V5 two = clients.v5(p + "-2");
             TestClients.V5 pub = clients.v5(p + "-pub")) {
            assertThat(one.subscribe("$share/" + p + "/" + p + "/jobs", 1)).isEqualTo(1);
            assertThat(two.subscribe("$share/" + p + "/" + p + "/jobs", 1)).isEqualTo(1);
            for (int i = 0; i < 20; i++) {
                pub.publish(p + "/jobs", "job" + i, 1);
            }
            List<String> all = new ArrayList<>();
            List<Received.Delivery> fromOne = one.received().drain(p, Duration.ofSeconds(1));
            List<Received.Delivery> fromTwo = two.received().drain(p, Duration.ofMillis(200));
            fromOne.forEach(delivery -> all.add(delivery.text()));
            fromTwo.forEach(delivery -> all.add(delivery.text()));
            assertThat(all).hasSize(20).doesNotHaveDuplicates();
            assertThat(fromOne).isNotEmpty();
            assertThat(fromTwo).isNotEmpty();
        }
    }

    @Test
    void subscriptionIdentifiersNameEveryMatchingSubscription() throws Exception {
        MqttAsyncClient sub = asyncClient(p + "-sub");
        Received received = new Received();
        sub.setCallback(new RecordingCallback(received));
        try (TestClients.V5 pub = clients.v5(p + "-pub")) {
            subscribeWithId(sub, new MqttSubscription(p + "/room/+", 1), 7);
            subscribeWithId(sub, new MqttSubscription(p + "/#", 1), 9);
            pub.publish(p + "/room/a", "both", 1);
            // one copy naming both subscriptions (this broker) or a copy per subscription (Mosquitto): both allowed
            List<Integer> identifiers = new ArrayList<>();
            for (Received.Delivery delivery : received.drain(p, Duration.ofMillis(500))) {
                identifiers.addAll(((MqttProperties) delivery.properties()).getSubscriptionIdentifiers());
            }
            assertThat(identifiers).containsExactlyInAnyOrder(7, 9);
        } finally {
            sub.disconnect().waitForCompletion(2_000);
            sub.close();
        }
    }

    @Test
    void noLocalKeepsAClientsOwnMessagesFromIt() throws Exception {
        try (TestClients.V5 self = clients.v5(p + "-self"); TestClients.V5 other = clients.v5(p + "-other")) {
            MqttSubscription subscription = new MqttSubscription(p + "/#", 1);
            subscription.setNoLocal(true);
            self.client().subscribe(new MqttSubscription[] {subscription});
            self.publish(p + "/own", "mine", 1);
            other.publish(p + "/marker", "theirs", 1);
            assertThat(self.received().until(p, p + "/marker")).extracting(Received.Delivery::text)
                    .containsExactly("theirs");
        }
    }

    @Test
    void retainAsPublishedKeepsTheRetainFlag() throws Exception {
        try (TestClients.V5 keeps = clients.v5(p + "-rap"); TestClients.V5 plain = clients.v5(p + "-plain");
             TestClients.V5 pub = clients.v5(p + "-pub")) {
            MqttSubscription rap = new MqttSubscription(p + "/state", 1);
            rap.setRetainAsPublished(true);
            rap.setRetainHandling(2);
            keeps.client().subscribe(new MqttSubscription[] {rap});
            MqttSubscription normal = new MqttSubscription(p + "/state", 1);
            normal.setRetainHandling(2);
            plain.client().subscribe(new MqttSubscription[] {normal});
            pub.client().publish(p + "/state", "on".getBytes(StandardCharsets.UTF_8), 1, true);
            assertThat(keeps.received().next(p).retained()).isTrue();
            assertThat(plain.received().next(p).retained()).isFalse();
            pub.client().publish(p + "/state", new byte[0], 1, true); // clears the retained message
        }
    }

    @Test
    void publishPropertiesPassThrough() throws Exception {
        try (TestClients.V5 sub = clients.v5(p + "-sub"); TestClients.V5 pub = clients.v5(p + "-pub")) {
            sub.subscribe(p + "/req", 1);
            MqttProperties properties = new MqttProperties();
            properties.setContentType("application/json");
            properties.setResponseTopic(p + "/reply/1");
            properties.setCorrelationData(new byte[] {1, 2, 3, (byte) 0xFF});
            properties.setPayloadFormat(true);
            properties.setMessageExpiryInterval(600L);
            properties.setUserProperties(List.of(new UserProperty("device", "d-7"), new UserProperty("tag", "a"),
                    new UserProperty("tag", "b")));
            pub.client().publish(p + "/req", new MqttMessage("{\"v\":1}".getBytes(StandardCharsets.UTF_8), 1, false,
                    properties));
            MqttProperties got = (MqttProperties) sub.received().next(p).properties();
            assertThat(got.getContentType()).isEqualTo("application/json");
            assertThat(got.getResponseTopic()).isEqualTo(p + "/reply/1");
            assertThat(got.getCorrelationData()).containsExactly(1, 2, 3, 0xFF);
            assertThat(got.getPayloadFormat()).isTrue();
            assertThat(got.getMessageExpiryInterval()).isBetween(1L, 600L);
            assertThat(got.getUserProperties()).extracting(UserProperty::getKey, UserProperty::getValue)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("device", "d-7"),
                            org.assertj.core.groups.Tuple.tuple("tag", "a"),
                            org.assertj.core.groups.Tuple.tuple("tag", "b"));
        }
    }

    @Test
    void expiredMessagesAreNotDeliveredToASessionThatWasAway() throws Exception {
        MqttConnectionOptions options = clients.v5Options();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(60L);
        try (TestClients.V5 first = clients.v5(p + "-dev", options)) {
            first.subscribe(p + "/#", 1);
        }
        try (TestClients.V5 pub = clients.v5(p + "-pub")) {
            MqttProperties shortLived = new MqttProperties();
            shortLived.setMessageExpiryInterval(1L);
            pub.client().publish(p + "/stale", new MqttMessage("stale".getBytes(StandardCharsets.UTF_8), 1, false,
                    shortLived));
            Thread.sleep(2_500);
            pub.publish(p + "/fresh", "fresh", 1);
        }
        MqttConnectionOptions end = clients.v5Options();
        end.setCleanStart(false);
        end.setSessionExpiryInterval(0L);
        try (TestClients.V5 back = clients.v5(p + "-dev", end)) {
            assertThat(back.received().until(p, p + "/fresh")).extracting(Received.Delivery::text)
                    .containsExactly("fresh");
        }
    }

    @Test
    void topicAliasesFromTheClientAreResolved() throws Exception {
        try (TestClients.V5 sub = clients.v5(p + "-sub"); RawMqttSocket raw = new RawMqttSocket(target.serverUri())) {
            sub.subscribe(p + "/#", 1);
            RawMqttSocket.Packet connAck = raw.connect5(p + "-dev", target.username(), target.password(), new byte[0]);
            assertThat(connAck.body()[1]).isZero();
            raw.publish(p + "/alias", "first".getBytes(StandardCharsets.UTF_8), 1, 1, false, topicAlias(1));
            raw.readPacket(4);
            raw.publish("", "second".getBytes(StandardCharsets.UTF_8), 1, 2, false, topicAlias(1));
            raw.readPacket(4);
            assertThat(sub.received().take(p, 2)).extracting(Received.Delivery::topic, Received.Delivery::text)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(p + "/alias", "first"),
                            org.assertj.core.groups.Tuple.tuple(p + "/alias", "second"));
            // an alias never set ends the connection with a DISCONNECT (protocol error)
            raw.publish("", "third".getBytes(StandardCharsets.UTF_8), 1, 3, false, topicAlias(2));
            assertThat(raw.readPacket().type()).isEqualTo(14);
            assertThat(raw.closedByBroker()).isTrue();
        }
    }

    @Test
    void topicAliasesTowardsTheClientNameEachTopicOnce() throws Exception {
        assumeTrue(target instanceof MqttTargets.Bundled, "Mosquitto 2.0 sends no topic aliases of its own");
        try (RawMqttSocket raw = new RawMqttSocket(target.serverUri()); TestClients.V5 pub = clients.v5(p + "-pub")) {
            // CONNECT properties: topic alias maximum 1
            raw.connect5(p + "-sub", target.username(), target.password(), new byte[] {0x22, 0, 1});
            raw.subscribe5(1, p + "/#", 0);
            for (String level : List.of("a", "a", "b")) {
                pub.publish(p + "/" + level, level, 0);
            }
            RawMqttSocket.Publish first = raw.readPublish5();
            RawMqttSocket.Publish second = raw.readPublish5();
            RawMqttSocket.Publish third = raw.readPublish5();
            assertThat(first.topic()).isEqualTo(p + "/a");
            assertThat(first.topicAlias()).isEqualTo(1);
            assertThat(second.topic()).isEmpty(); // the alias alone
            assertThat(second.topicAlias()).isEqualTo(1);
            assertThat(third.topic()).isEqualTo(p + "/b"); // aliases used up: the topic in full
            assertThat(third.topicAlias()).isZero();
            assertThat(new String(second.payload(), StandardCharsets.UTF_8)).isEqualTo("a");
        }
    }

    @Test
    void packetsLargerThanTheClientsMaximumAreNotSent() throws Exception {
        MqttConnectionOptions options = clients.v5Options();
        options.setMaximumPacketSize(512L);
        try (TestClients.V5 sub = clients.v5(p + "-sub", options); TestClients.V5 pub = clients.v5(p + "-pub")) {
            sub.subscribe(p + "/#", 1);
            pub.client().publish(p + "/big", new byte[2_000], 1, false);
            pub.publish(p + "/marker", "small", 1);
            assertThat(sub.received().until(p, p + "/marker")).extracting(Received.Delivery::topic)
                    .containsExactly(p + "/marker");
            assertThat(sub.client().isConnected()).isTrue();
        }
    }

    private static byte[] topicAlias(int alias) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x23); // topic alias
        out.write(alias >> 8);
        out.write(alias & 0xFF);
        return out.toByteArray();
    }

    private MqttAsyncClient asyncClient(String clientId) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(target.serverUri(), clientId, new MemoryPersistence());
        client.connect(clients.v5Options()).waitForCompletion(5_000);
        return client;
    }

    private static void subscribeWithId(MqttAsyncClient client, MqttSubscription subscription, int id)
            throws Exception {
        MqttProperties properties = new MqttProperties();
        properties.setSubscriptionIdentifier(id);
        client.subscribe(new MqttSubscription[] {subscription}, null, null, properties).waitForCompletion(5_000);
    }

    /** Records deliveries of an async client, as TestClients does for the sync ones. */
    private record RecordingCallback(Received received) implements org.eclipse.paho.mqttv5.client.MqttCallback {
        @Override
        public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse response) {
            received.lost(response.getReturnCode());
        }

        @Override
        public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException exception) {
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.add(new Received.Delivery(topic, message.getPayload(), message.getQos(), message.isDuplicate(),
                    message.isRetained(), message.getProperties()));
        }

        @Override
        public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
