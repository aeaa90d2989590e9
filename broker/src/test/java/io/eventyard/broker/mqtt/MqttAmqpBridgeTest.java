package io.eventyard.broker.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

/**
 * One routing core: MQTT publishes reach AMQP queues bound to {@code amq.topic}, and AMQP publishes to
 * {@code amq.topic} reach MQTT subscribers, payload byte for byte. Bundled broker only (Mosquitto has no AMQP).
 */
@Timeout(30)
class MqttAmqpBridgeTest {

    private static MqttTargets.Bundled target;
    private static Connection amqp;

    private final String p = TestClients.uniqueId("ey");
    private final TestClients clients = new TestClients(target);

    @BeforeAll
    static void start() throws Exception {
        target = new MqttTargets.Bundled();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(target.broker().amqpPort());
        factory.setUsername(target.username());
        factory.setPassword(target.password());
        amqp = factory.newConnection();
    }

    @AfterAll
    static void stop() throws Exception {
        amqp.close();
        target.close();
    }

    @Test
    void mqttPublishReachesAnAmqpQueueBoundWithTheDottedKey() throws Exception {
        byte[] payload = everyByte();
        try (Channel channel = amqp.createChannel(); TestClients.V3 device = clients.v3(p + "-dev")) {
            String queue = p + "-telemetry";
            channel.queueDeclare(queue, true, false, true, Map.of());
            channel.queueBind(queue, "amq.topic", p + ".#");

            device.publish(p + "/home/kitchen", payload, 1); // returns once PUBACK came: the queue is durable
            device.publish(p + "/home/hall", payload, 0);

            GetResponse qos1 = channel.basicGet(queue, true);
            assertThat(qos1).isNotNull();
            assertThat(qos1.getEnvelope().getRoutingKey()).isEqualTo(p + ".home.kitchen");
            assertThat(qos1.getBody()).isEqualTo(payload);
            assertThat(qos1.getProps().getDeliveryMode()).isEqualTo(2);

            GetResponse qos0 = awaitGet(channel, queue);
            assertThat(qos0.getEnvelope().getRoutingKey()).isEqualTo(p + ".home.hall");
            assertThat(qos0.getBody()).isEqualTo(payload);
            assertThat(qos0.getProps().getDeliveryMode()).isEqualTo(1);
        }
    }

    @Test
    void amqpPublishToAmqTopicReachesMqttSubscribers() throws Exception {
        byte[] payload = everyByte();
        try (Channel channel = amqp.createChannel(); TestClients.V3 hub = clients.v3(p + "-hub")) {
            hub.subscribe(p + "/fleet/vehicle/+/location", 1);
            channel.basicPublish("amq.topic", p + ".fleet.vehicle.v7.location",
                    new AMQP.BasicProperties.Builder().deliveryMode(2).build(), payload);
            channel.basicPublish("amq.topic", p + ".fleet.vehicle.v8.location",
                    new AMQP.BasicProperties.Builder().deliveryMode(1).build(), payload);

            Received.Delivery persistent = hub.received().next(p);
            assertThat(persistent.topic()).isEqualTo(p + "/fleet/vehicle/v7/location");
            assertThat(persistent.payload()).isEqualTo(payload);
            assertThat(persistent.qos()).isEqualTo(1);
            Received.Delivery transientOne = hub.received().next(p);
            assertThat(transientOne.topic()).isEqualTo(p + "/fleet/vehicle/v8/location");
            assertThat(transientOne.qos()).isZero();
        }
    }

    @Test
    void aDotInsideATopicLevelSurvivesTheRoundTrip() throws Exception {
        try (Channel channel = amqp.createChannel(); TestClients.V3 sub = clients.v3(p + "-sub");
             TestClients.V3 pub = clients.v3(p + "-pub")) {
            String queue = p + "-dotted";
            channel.queueDeclare(queue, false, true, true, Map.of());
            channel.queueBind(queue, "amq.topic", p + ".v1/2.*");
            sub.subscribe(p + "/v1.2/+", 1);

            pub.publish(p + "/v1.2/x", "firmware", 1);

            assertThat(sub.received().next(p).topic()).isEqualTo(p + "/v1.2/x");
            assertThat(awaitGet(channel, queue).getEnvelope().getRoutingKey()).isEqualTo(p + ".v1/2.x");
        }
    }

    private static GetResponse awaitGet(Channel channel, String queue) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            GetResponse response = channel.basicGet(queue, true);
            if (response != null) {
                return response;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("nothing in " + queue);
    }

    private static byte[] everyByte() {
        byte[] payload = new byte[1024];
        for (int i = 0; i < 256; i++) {
            payload[i] = (byte) i;
        }
        new Random(42).nextBytes(java.util.Arrays.copyOfRange(payload, 256, 1024));
        return payload;
    }
}
