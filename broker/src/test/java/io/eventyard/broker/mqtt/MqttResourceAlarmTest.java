package io.eventyard.broker.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;
import io.eventyard.broker.core.BrokerConnection;

/**
 * A memory alarm blocks MQTT publishers as it blocks AMQP ones: the broker stops reading their sockets (so
 * their PUBACKs stop), keeps them connected, and reads on once the backlog is consumed.
 */
@Timeout(60)
class MqttResourceAlarmTest {

    private static final long WATERMARK = 512 * 1024;
    private static final int MESSAGE_SIZE = 16 * 1024;

    @TempDir
    Path dataDir;
    private Broker broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aPublisherIsBlockedPastTheWatermarkAndReadAgainOnceTheBacklogIsGone() throws Exception {
        broker = Broker.start(BrokerConfig.forTests(dataDir).withPageOutBytes(Long.MAX_VALUE)
                .withMemoryHighWatermark(WATERMARK));
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(broker.amqpPort());
        try (Connection amqp = factory.newConnection("backlog")) {
            Channel channel = amqp.createChannel();
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, "amq.topic", "alarm.#");

            MqttAsyncClient device = new MqttAsyncClient("tcp://127.0.0.1:" + broker.mqttPort(), "alarm-device",
                    new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName("guest");
            options.setPassword("guest".getBytes());
            device.connect(options).waitForCompletion(5_000);
            try {
                AtomicInteger acknowledged = new AtomicInteger();
                // at most twice the watermark: the alarm must have fired long before
                for (int i = 0; i < 2 * WATERMARK / MESSAGE_SIZE && !"blocked".equals(state()); i++) {
                    IMqttToken token = device.publish("alarm/data", new byte[MESSAGE_SIZE], 1, false);
                    // the alarm is checked on a timer: a publish read before it went on is acknowledged, the
                    // next one is not read until it goes off
                    while (!token.isComplete() && !"blocked".equals(state())) {
                        Thread.sleep(20);
                    }
                    if (token.isComplete()) {
                        acknowledged.incrementAndGet();
                    }
                }
                assertThat(state()).as("the publisher's connection").isEqualTo("blocked");
                assertThat(device.isConnected()).isTrue();

                // drained from the AMQP side, whose connection never published
                while (channel.basicGet(queue, true) != null) {
                    // the backlog goes
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> "running".equals(state()));
                device.publish("alarm/after", "after".getBytes(), 1, false).waitForCompletion(5_000);
                await().atMost(Duration.ofSeconds(5)).until(() -> channel.basicGet(queue, true) != null);
                assertThat(acknowledged.get()).isPositive();
            } finally {
                device.disconnect().waitForCompletion(2_000);
                device.close();
            }
        }
    }

    /** The MQTT connection's state as the management API shows it, or null when it is gone. */
    private String state() {
        return broker.core().executor().call(() -> broker.core().connections().stream()
                .filter(connection -> "alarm-device".equals(connection.details().clientProvidedName()))
                .map(BrokerConnection::details).map(BrokerConnection.Details::state).findFirst().orElse(null));
    }
}
