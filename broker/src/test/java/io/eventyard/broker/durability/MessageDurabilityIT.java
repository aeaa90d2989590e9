package io.eventyard.broker.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.LongString;
import com.rabbitmq.client.MessageProperties;

import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;
import io.eventyard.broker.PublishOutcome;
import io.eventyard.broker.core.message.Message;

/**
 * What the in-process broker keeps across a clean restart on the same data directory, seen through the official
 * RabbitMQ Java client: persistent messages of durable queues come back whole and in order, with redelivered set
 * exactly for those that went out before; whatever left a queue (ack, dead-lettering, expiry, purge, deletion)
 * and whatever was never meant to last (transient messages, non-durable queues) does not. Deep queues page their
 * bodies out and must behave the same. A copy of the data directory taken while the broker runs stands for a
 * crash: whatever was confirmed (confirm, tx.commit-ok, an embedded publish) must be in it.
 *
 * <p>basic.publish, basic.ack and basic.reject have no reply: before a restart the tests make a round trip on the
 * channel, since a broker stopped with frames still in its socket never sees them (RabbitMQ neither).
 */
class MessageDurabilityIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    private BrokerConfig config;
    private Broker broker;
    private final List<Connection> connections = new ArrayList<>();

    @AfterEach
    void stopBroker() {
        connections.forEach(c -> c.abort(1000));
        if (broker != null) {
            broker.close();
        }
    }

    // ---- persistent messages ----------------------------------------------------------------------------

    @Test
    void persistentMessagesComeBackAfterARestartWithEveryPropertyAndTheBodyInOrder() throws Exception {
        start(BrokerConfig.forTests(dataDir));
        Channel channel = channel();
        channel.exchangeDeclare("durability.orders", BuiltinExchangeType.DIRECT, true);
        channel.queueDeclare("orders", true, false, false, null);
        channel.queueBind("orders", "durability.orders", "order.placed");
        List<AMQP.BasicProperties> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            AMQP.BasicProperties properties = everyProperty(i);
            sent.add(properties);
            channel.basicPublish("durability.orders", "order.placed", properties, body("order-" + i));
        }
        roundTrip(channel);

        restart();

        Channel after = channel();
        assertThat(after.queueDeclarePassive("orders").getMessageCount()).isEqualTo(20);
        for (int i = 0; i < 20; i++) {
            GetResponse got = after.basicGet("orders", false);
            assertThat(got).as("message %d", i).isNotNull();
            assertThat(text(got)).isEqualTo("order-" + i);
            assertThat(got.getEnvelope().getExchange()).isEqualTo("durability.orders");
            assertThat(got.getEnvelope().getRoutingKey()).isEqualTo("order.placed");
            assertThat(got.getEnvelope().isRedeliver()).isFalse();
            assertSameProperties(got.getProps(), sent.get(i));
        }
        assertThat(after.basicGet("orders", false)).isNull();
    }

    @Test
    void messagesWithoutPropertiesAndWithEmptyBodiesComeBackAsTheyWere() throws Exception {
        start(BrokerConfig.forTests(dataDir));
        Channel channel = channel();
        channel.queueDeclare("bare", true, false, false, null);
        AMQP.BasicProperties persistentOnly = new AMQP.BasicProperties.Builder().deliveryMode(2).build();
        channel.basicPublish("", "bare", persistentOnly, new byte[0]);
        channel.basicPublish("", "bare", persistentOnly, new byte[] {0, (byte) 0xFF, 0});
        roundTrip(channel);

        restart();

        Channel after = channel();
        GetResponse empty = after.basicGet("bare", true);
        assertThat(empty.getBody()).isEmpty();
        assertSameProperties(empty.getProps(), persistentOnly);
        assertThat(after.basicGet("bare", true).getBody()).containsExactly(0, 0xFF, 0);
        assertThat(after.basicGet("bare", true)).isNull();
    }

    @Test
    void transientMessagesInADurableQueueAreGoneAfterARestartAndThePersistentOnesKeepTheirOrder() throws Exception {
        start(BrokerConfig.forTests(dataDir));
        Channel channel = channel();
        channel.queueDeclare("mixed", true, false, false, null);
        for (int i = 0; i < 10; i++) {
            channel.basicPublish("", "mixed", i % 2 == 0 ? MessageProperties.PERSISTENT_BASIC : MessageProperties.BASIC,
                    body("m" + i));
        }
        roundTrip(channel);

        restart();

        assertThat(drainTexts(channel(), "mixed")).containsExactly("m0", "m2", "m4", "m6", "m8");
    }

    @Test
    void aNonDurableQueueAndItsPersistentMessagesAreGoneAfterARestart() throws Exception {
        start(BrokerConfig.forTests(dataDir));
        Channel channel = channel();
        channel.queueDeclare("scratch", false, false, false, null);
        channel.basicPublish("", "scratch", MessageProperties.PERSISTENT_BASIC, body("lost"));
        roundTrip(channel);

        restart();

        assertThatThrownBy(() -> channel().queueDeclarePassive("scratch"))
                .hasStackTraceContaining("NOT_FOUND");
        Channel again = channel();
        again.queueDeclare("scratch", false, false, false, null);
        assertThat(again.basicGet("scratch", true)).isNull();
    }

    @Test
    void messagesLargerThanAFrameAndThePageOutThresholdComeBackWhole() throws Exception {
        start(BrokerConfig.forTests(dataDir).withPageOutBytes(64 * 1024));
        Channel channel = channel();
        channel.queueDeclare("large", true, false, false, null);
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] bytes = new byte[(1 << 20) + i];
            new Random(i).nextBytes(bytes);
            bodies.add(bytes);
            channel.basicPublish("", "large", MessageProperties.PERSISTENT_BASIC, bytes);
        }
        roundTrip(channel);

        restart();

        Channel after = channel();
        for (byte[] expected : bodies) {
            assertThat(after.basicGet("large", true).getBody()).isEqualTo(expected);
        }
        assertThat(after.basicGet("large", true)).isNull();
    }

    @Test
    void queuesWithAnyNameAndTheSameNameInTwoVirtualHostsKeepTheirOwnMessages() throws Exception {
        start(BrokerConfig.forTests(dataDir));
        broker.admin().addVirtualHost("other");
        broker.admin().setPermissions("guest", "other", ".*", ".*", ".*");
        List<String> names = List.of("q", "../q", "été/ü/\\*?:<>|", "a".repeat(255), "q\u0000?");
        Channel home = channel();
        Channel other = channel("other");
        for (String name : names) {
            home.queueDeclare(name, true, false, false, null);
            other.queueDeclare(name, true, false, false, null);
            home.basicPublish("", name, MessageProperties.PERSISTENT_BASIC, body("home " + name));
            other.basicPublish("", name, MessageProperties.PERSISTENT_BASIC, body("other " + name));
        }
        roundTrip(home);
        roundTrip(other);

        restart();

        Channel homeAfter = channel();
        Channel otherAfter = channel("other");
        for (String name : names) {
            assertThat(drainTexts(homeAfter, name)).as(name).containsExactly("home " + name);
            assertThat(drainTexts(otherAfter, name)).as(name).containsExactly("other " + name);
        }
    }

    // ---- acks and redelivery ------------------------------------------------------------------------------

    @Test
    void ackedMessagesDoNotComeBack() throws Exception {
        start(BrokerConfig.forTests(dataDir));
        Channel channel = channel();
        channel.queueDeclare("acked", true, false, false, null);
        publishPersistent(channel, "acked", 12);
        for (int i = 0; i < 3; i++) { // acked one by one
            channel.basicAck(channel.basicGet("acked", false).getEnvelope().getDeliveryTag(), false);
        }
        GetResponse last = null;
        for (int i = 3; i < 6; i++) { // acked with multiple
            last = channel.basicGet("acked", false);
        }
        channel.basicAck(last.getEnvelope().getDeliveryTag(), true);
        channel.basicGet("acked", true); // m6, auto-ack
        consumeAndAck(channel, "acked", 2); // m7 and m8 through basic.consume

        restart();

        assertThat(drainTexts(channel(), "acked")).containsExactly("m9", "m10", "m11");
    }

    @Test
    void messagesDeliveredButNotAckedComeBackRedeliveredAndTheOthersNot() throws Exception {
        start(BrokerConfig.forTests(dataDir));
        Channel channel = channel();
        channel.queueDeclare("held", true, false, false, null);
        publishPersistent(channel, "held", 8);
        channel.basicGet("held", false); // m0, still held by the client when the broker stops
        channel.basicGet("held", false); // m1, likewise
        long m2 = channel.basicGet("held", false).getEnvelope().getDeliveryTag();
        channel.basicReject(m2, true); // back in the queue before the restart
        roundTrip(channel);
        // m0 and m1 stay unacked on the open channel; restart() closes the connection under them

        restart();

        List<GetResponse> after = drain(channel(), "held");
        assertThat(after).extracting(MessageDurabilityIT::text)
                .containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7");
        assertThat(after).extracting(got -> got.getEnvelope().isRedeliver())
                .containsExactly(true, true, true, false, false, false, false, false);
    }

    @Test
    void theRedeliveredFlagOfARecoveredMessageOutlivesASecondRestart() throws Exception {
        start(BrokerConfig.forTests(dataDir));
        Channel channel = channel();
        channel.queueDeclare("twice", true, false, false, null);
        publishPersistent(channel, "twice", 3);
        channel.basicGet("twice", false); // m0 goes out and is never acked
        channel.close(); // requeued

        restart();
        restart(); // nothing delivered in between

        List<GetResponse> after = drain(channel(), "twice");
        assertThat(after).extracting(MessageDurabilityIT::text).containsExactly("m0", "m1", "m2");
        assertThat(after).extracting(got -> got.getEnvelope().isRedeliver()).containsExactly(true, false, false);
    }

    @Test
    void recoveredMessagesThatAreAckedAfterTheRestartDoNotComeBackAfterTheNext() throws Exception {
        start(BrokerConfig.forTests(dataDir));
        Channel channel = channel();
        channel.queueDeclare("settled-later", true, false, false, null);
        publishPersistent(channel, "settled-later", 6);

        restart();
        Channel after = channel();
        after.basicGet("settled-later", false);
        GetResponse second = after.basicGet("settled-later", false);
        after.basicAck(second.getEnvelope().getDeliveryTag(), true); // m0 and m1
        GetResponse third = after.basicGet("settled-later", false);
        after.basicNack(third.getEnvelope().getDeliveryTag(), false, true); // m2 requeued, redelivered
        roundTrip(after);
        restart();

        List<GetResponse> last = drain(channel(), "settled-later");
        assertThat(last).extracting(MessageDurabilityIT::text).containsExactly("m2", "m3", "m4", "m5");
        assertThat(last).extracting(got -> got.getEnvelope().isRedeliver()).containsExactly(true, false, false, false);
    }

    // ---- messages that left their queue ---------------------------------------------------------------------

    @Test
    void aDeadLetteredMessageIsGoneFromItsQueueAndLivesOnInTheDeadLetterQueue() throws Exception {
        start(BrokerConfig.forTests(dataDir));
        Channel channel = channel();
        channel.queueDeclare("dlq", true, false, false, null);
        channel.queueDeclare("work", true, false, false, Map.of(
                "x-dead-letter-exchange", "", "x-dead-letter-routing-key", "dlq"));
        publishPersistent(channel, "work", 3);
        channel.basicReject(channel.basicGet("work", false).getEnvelope().getDeliveryTag(), false); // m0
        Awaitility.await().atMost(WAIT).until(() -> channel.messageCount("dlq") == 1);

        restart();

        Channel after = channel();
        assertThat(drainTexts(after, "work")).containsExactly("m1", "m2");
        GetResponse dead = after.basicGet("dlq", true);
        assertThat(text(dead)).isEqualTo("m0");
        assertThat(dead.getProps().getDeliveryMode()).isEqualTo(2);
        assertThat(dead.getProps().getHeaders()).containsKey("x-death");
        Map<?, ?> death = (Map<?, ?>) ((List<?>) dead.getProps().getHeaders().get("x-death")).get(0);
        assertThat(String.valueOf(death.get("queue"))).isEqualTo("work");
        assertThat(String.valueOf(death.get("reason"))).isEqualTo("rejected");
        assertThat(after.basicGet("dlq", true)).isNull();
    }

    @Test
    void aMessageThatExpiredBeforeTheRestartDoesNotComeBack() throws Exception {
        start(BrokerConfig.forTests(dataDir));
        Channel channel = channel();
        channel.queueDeclare("short-lived", true, false, false, Map.of("x-message-ttl", 50));
        channel.basicPublish("", "short-lived", MessageProperties.PERSISTENT_BASIC, body("expires"));
        Awaitility.await().atMost(WAIT).until(() -> channel.messageCount("short-lived") == 0);
        channel.queueDeclare("long-lived", true, false, false, null);
        channel.basicPublish("", "long-lived", new AMQP.BasicProperties.Builder().deliveryMode(2).expiration("3600000").build(),
                body("kept"));
        roundTrip(channel);

        restart();

        Channel after = channel();
        assertThat(after.basicGet("short-lived", true)).isNull();
        assertThat(drainTexts(after, "long-lived")).containsExactly("kept");
    }

    @Test
    void aMessageThatExpiresWhileTheBrokerIsDownIsDeadLetteredAtStart() throws Exception {
        start(BrokerConfig.forTests(dataDir));
        Channel channel = channel();
        // the work queue is declared (and so restored) before its dead-letter queue
        channel.queueDeclare("expiring", true, false, false, Map.of(
                "x-dead-letter-exchange", "", "x-dead-letter-routing-key", "expired"));
        channel.queueDeclare("expired", true, false, false, null);
        long publishedAt = System.currentTimeMillis();
        channel.basicPublish("", "expiring", new AMQP.BasicProperties.Builder().deliveryMode(2).expiration("300").build(),
                body("late"));
        channel.basicPublish("", "expiring", MessageProperties.PERSISTENT_BASIC, body("on time"));
        roundTrip(channel);
        broker.close();
        broker = null;
        connections.clear();
        Thread.sleep(Math.max(0, publishedAt + 400 - System.currentTimeMillis()));

        start(config);

        Channel after = channel();
        assertThat(drainTexts(after, "expiring")).containsExactly("on time");
        Awaitility.await().atMost(WAIT).until(() -> after.messageCount("expired") == 1);
        GetResponse dead = after.basicGet("expired", true);
        assertThat(text(dead)).isEqualTo("late");
        Map<?, ?> death = (Map<?, ?>) ((List<?>) dead.getProps().getHeaders().get("x-death")).get(0);
        assertThat(String.valueOf(death.get("reason"))).isEqualTo("expired");
    }

    @Test
    void purgedMessagesDoNotComeBack() throws Exception {
        start(BrokerConfig.forTests(dataDir));
        Channel channel = channel();
        channel.queueDeclare("purged", true, false, false, null);
        publishPersistent(channel, "purged", 5);
        assertThat(channel.queuePurge("purged").getMessageCount()).isEqualTo(5);
        channel.basicPublish("", "purged", MessageProperties.PERSISTENT_BASIC, body("after purge"));
        roundTrip(channel);

        restart();

        assertThat(drainTexts(channel(), "purged")).containsExactly("after purge");
    }

    @Test
    void recoveredMessagesPurgedOrDeletedWithTheirQueueAfterTheRestartDoNotComeBackAfterTheNext() throws Exception {
        start(BrokerConfig.forTests(dataDir));
        Channel channel = channel();
        channel.queueDeclare("purged-later", true, false, false, null);
        channel.queueDeclare("deleted-later", true, false, false, null);
        publishPersistent(channel, "purged-later", 5);
        publishPersistent(channel, "deleted-later", 5);

        restart();
        Channel after = channel();
        assertThat(after.queuePurge("purged-later").getMessageCount()).isEqualTo(5);
        assertThat(after.queueDelete("deleted-later").getMessageCount()).isEqualTo(5);
        restart();

        Channel last = channel();
        assertThat(last.queueDeclarePassive("purged-later").getMessageCount()).isZero();
        assertThatThrownBy(() -> channel().queueDeclarePassive("deleted-later")).hasStackTraceContaining("NOT_FOUND");
        assertThat(last.queueDeclare("deleted-later", true, false, false, null).getMessageCount()).isZero();
    }

    @Test
    void messagesDroppedByAMaxLengthDoNotComeBack() throws Exception {
        start(BrokerConfig.forTests(dataDir));
        Channel channel = channel();
        channel.queueDeclare("bounded", true, false, false, Map.of("x-max-length", 2));
        publishPersistent(channel, "bounded", 5);

        restart();

        assertThat(drainTexts(channel(), "bounded")).containsExactly("m3", "m4");
    }

    @Test
    void aDurableQueueDeletedBeforeTheRestartHasNoMessagesWhenDeclaredAgain() throws Exception {
        start(BrokerConfig.forTests(dataDir));
        Channel channel = channel();
        channel.queueDeclare("deleted", true, false, false, null);
        publishPersistent(channel, "deleted", 3);
        channel.queueDelete("deleted");

        restart();

        Channel after = channel();
        assertThatThrownBy(() -> channel().queueDeclarePassive("deleted")).hasStackTraceContaining("NOT_FOUND");
        assertThat(after.queueDeclare("deleted", true, false, false, null).getMessageCount()).isZero();
        assertThat(after.basicGet("deleted", true)).isNull();
    }

    @Test
    void aDurableQueueDeletedAndDeclaredAgainBeforeTheRestartKeepsOnlyItsNewMessages() throws Exception {
        start(BrokerConfig.forTests(dataDir));
        Channel channel = channel();
        channel.queueDeclare("reborn", true, false, false, null);
        publishPersistent(channel, "reborn", 3);
        channel.queueDelete("reborn");
        channel.queueDeclare("reborn", true, false, false, null);
        channel.basicPublish("", "reborn", MessageProperties.PERSISTENT_BASIC, body("second life"));
        roundTrip(channel);

        restart();

        assertThat(drainTexts(channel(), "reborn")).containsExactly("second life");
    }

    // ---- deep queues ------------------------------------------------------------------------------------

    @Test
    void aQueueDeeperThanThePageOutThresholdDeliversEverythingInOrderBeforeAndAfterARestart() throws Exception {
        int count = 3000;
        start(BrokerConfig.forTests(dataDir).withPageOutBytes(64 * 1024));
        Channel channel = channel();
        channel.queueDeclare("deep", true, false, false, null);
        channel.queueDeclare("deep-scratch", false, false, false, null);
        channel.confirmSelect();
        for (int i = 0; i < count; i++) {
            channel.basicPublish("", "deep", MessageProperties.PERSISTENT_BASIC, kibibyte(i));
            channel.basicPublish("", "deep-scratch", MessageProperties.BASIC, kibibyte(i));
        }
        channel.waitForConfirmsOrDie(WAIT.toMillis());

        // before the restart: the first third acked, the second held unacked, the last never delivered
        Channel reader = channel();
        for (int i = 0; i < count / 3; i++) {
            GetResponse got = reader.basicGet("deep", false);
            assertThat(got.getBody()).as("message %d", i).isEqualTo(kibibyte(i));
            reader.basicAck(got.getEnvelope().getDeliveryTag(), false);
        }
        for (int i = count / 3; i < 2 * count / 3; i++) {
            assertThat(reader.basicGet("deep", false).getBody()).as("message %d", i).isEqualTo(kibibyte(i));
        }
        for (int i = 0; i < count; i++) {
            assertThat(reader.basicGet("deep-scratch", true).getBody()).as("transient %d", i).isEqualTo(kibibyte(i));
        }
        assertThat(reader.basicGet("deep-scratch", true)).isNull();

        restart();

        Channel after = channel();
        for (int i = count / 3; i < count; i++) {
            GetResponse got = after.basicGet("deep", false);
            assertThat(got).as("message %d", i).isNotNull();
            assertThat(got.getBody()).as("message %d", i).isEqualTo(kibibyte(i));
            assertThat(got.getEnvelope().isRedeliver()).as("message %d redelivered", i).isEqualTo(i < 2 * count / 3);
            after.basicAck(got.getEnvelope().getDeliveryTag(), false);
        }
        assertThat(after.basicGet("deep", false)).isNull();

        restart();

        assertThat(channel().queueDeclarePassive("deep").getMessageCount()).isZero();
    }

    @Test
    void transientMessagesPagedOutOfADurableQueueAreGoneAfterARestart() throws Exception {
        start(BrokerConfig.forTests(dataDir).withPageOutBytes(16 * 1024));
        Channel channel = channel();
        channel.queueDeclare("deep-mixed", true, false, false, null);
        for (int i = 0; i < 200; i++) {
            channel.basicPublish("", "deep-mixed", i % 2 == 0 ? MessageProperties.PERSISTENT_BASIC : MessageProperties.BASIC,
                    kibibyte(i));
        }
        roundTrip(channel);

        restart();
        restart(); // the transient records dropped at the first start stay dropped

        Channel after = channel();
        for (int i = 0; i < 200; i += 2) {
            assertThat(after.basicGet("deep-mixed", true).getBody()).as("message %d", i).isEqualTo(kibibyte(i));
        }
        assertThat(after.basicGet("deep-mixed", true)).isNull();
    }

    @Test
    void aDeepQueueConsumedWithNacksAndRequeuesKeepsOrderAndRedeliveredFlagsAcrossARestart() throws Exception {
        int count = 2000;
        start(BrokerConfig.forTests(dataDir).withPageOutBytes(64 * 1024));
        Channel channel = channel();
        channel.queueDeclare("deep-consumed", true, false, false, null);
        channel.confirmSelect();
        for (int i = 0; i < count; i++) {
            channel.basicPublish("", "deep-consumed", MessageProperties.PERSISTENT_BASIC, kibibyte(i));
        }
        channel.waitForConfirmsOrDie(WAIT.toMillis());

        // a consumer acks even messages, requeues every odd one once, and stops after 1000 deliveries; one at a
        // time, so that cancelling before settling the 1000th stops deliveries exactly there
        Channel consumer = channel();
        consumer.basicQos(1);
        List<Integer> deliveredIndexes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        consumer.basicConsume("deep-consumed", false, (tag, delivery) -> {
            int index = index(delivery.getBody());
            deliveredIndexes.add(index);
            boolean last = deliveredIndexes.size() == 1000;
            if (last) {
                consumer.basicCancel(tag);
            }
            if (index % 2 == 0) {
                consumer.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
            } else {
                consumer.basicNack(delivery.getEnvelope().getDeliveryTag(), false, !delivery.getEnvelope().isRedeliver());
            }
            if (last) {
                // only once the last settle is sent: the round trip below must come after it on the channel
                done.countDown();
            }
        }, tag -> { });
        assertThat(done.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        roundTrip(consumer);
        Set<Integer> settled = new HashSet<>();
        Set<Integer> deliveredOnce = new HashSet<>();
        synchronized (deliveredIndexes) {
            for (int index : deliveredIndexes) {
                if (index % 2 == 0 || !deliveredOnce.add(index)) {
                    settled.add(index); // acked, or dropped by the second nack
                }
            }
        }

        restart();

        List<GetResponse> after = drain(channel(), "deep-consumed");
        List<Integer> expected = Stream.iterate(0, i -> i + 1).limit(count).filter(i -> !settled.contains(i)).toList();
        assertThat(after).extracting(got -> index(got.getBody())).containsExactlyElementsOf(expected);
        for (GetResponse got : after) {
            int index = index(got.getBody());
            assertThat(got.getBody()).isEqualTo(kibibyte(index));
            assertThat(got.getEnvelope().isRedeliver()).as("message %d redelivered", index)
                    .isEqualTo(deliveredOnce.contains(index));
        }
    }

    @Test
    void pagedOutMessagesExpireAndAreDeadLetteredBeforeAndAfterARestart() throws Exception {
        start(BrokerConfig.forTests(dataDir).withPageOutBytes(16 * 1024));
        Channel channel = channel();
        channel.queueDeclare("deep-expired", true, false, false, null);
        channel.queueDeclare("deep-expiring", true, false, false, Map.of(
                "x-dead-letter-exchange", "", "x-dead-letter-routing-key", "deep-expired"));
        AMQP.BasicProperties shortLived = new AMQP.BasicProperties.Builder().deliveryMode(2).expiration("200").build();
        AMQP.BasicProperties longLived = new AMQP.BasicProperties.Builder().deliveryMode(2).expiration("3600000").build();
        for (int i = 0; i < 100; i++) { // the expiring ones first: RabbitMQ expires at the head only
            channel.basicPublish("", "deep-expiring", shortLived, kibibyte(i));
        }
        for (int i = 100; i < 200; i++) {
            channel.basicPublish("", "deep-expiring", longLived, kibibyte(i));
        }
        roundTrip(channel);
        Awaitility.await().atMost(WAIT).until(() -> channel.messageCount("deep-expired") == 100);

        restart();

        Channel after = channel();
        assertThat(drain(after, "deep-expiring")).extracting(got -> index(got.getBody()))
                .containsExactlyElementsOf(Stream.iterate(100, i -> i + 1).limit(100).toList());
        List<GetResponse> dead = drain(after, "deep-expired");
        assertThat(dead).extracting(got -> index(got.getBody()))
                .containsExactlyElementsOf(Stream.iterate(0, i -> i + 1).limit(100).toList());
        assertThat(dead).allSatisfy(got -> assertThat(got.getBody()).isEqualTo(kibibyte(index(got.getBody()))));
    }

    @Test
    void aDeepQueueWithADropHeadLimitKeepsTheNewestAcrossARestart() throws Exception {
        start(BrokerConfig.forTests(dataDir).withPageOutBytes(16 * 1024));
        Channel channel = channel();
        channel.queueDeclare("deep-bounded", true, false, false, Map.of("x-max-length", 100));
        for (int i = 0; i < 500; i++) {
            channel.basicPublish("", "deep-bounded", MessageProperties.PERSISTENT_BASIC, kibibyte(i));
        }
        roundTrip(channel);

        restart();

        assertThat(drain(channel(), "deep-bounded")).extracting(got -> index(got.getBody()))
                .containsExactlyElementsOf(Stream.iterate(400, i -> i + 1).limit(100).toList());
    }

    @Test
    void deletingDeepQueuesRemovesTheirFilesAndAckingARunsMessagesReclaimsItsSegment() throws Exception {
        start(BrokerConfig.forTests(dataDir).withPageOutBytes(16 * 1024));
        Channel channel = channel();
        channel.queueDeclare("deep-kept", true, false, false, null);
        channel.queueDeclare("deep-durable-deleted", true, false, false, null);
        channel.queueDeclare("deep-transient-deleted", false, false, false, null);
        for (int i = 0; i < 100; i++) {
            channel.basicPublish("", "deep-kept", MessageProperties.PERSISTENT_BASIC, kibibyte(i));
            channel.basicPublish("", "deep-durable-deleted", MessageProperties.PERSISTENT_BASIC, kibibyte(i));
            channel.basicPublish("", "deep-transient-deleted", MessageProperties.BASIC, kibibyte(i));
        }
        roundTrip(channel);
        // the store syncer writes them in its own time
        Awaitility.await().atMost(WAIT).until(() -> filesUnder("queues").stream().map(Path::getParent).distinct()
                .count() == 2 && !filesUnder("paging").isEmpty());
        List<Path> keptFiles = filesUnder("queues");

        channel.queueDelete("deep-durable-deleted");
        channel.queueDelete("deep-transient-deleted");

        assertThat(filesUnder("paging")).isEmpty();
        List<Path> durableLeft = filesUnder("queues");
        assertThat(durableLeft.stream().map(Path::getParent).distinct()).as("queue directories left").hasSize(1);

        restart();
        Channel after = channel();
        for (int i = 0; i < 100; i++) {
            GetResponse got = after.basicGet("deep-kept", false);
            after.basicAck(got.getEnvelope().getDeliveryTag(), false);
        }
        assertThat(after.basicGet("deep-kept", false)).isNull();
        restart();

        assertThat(filesUnder("queues")).as("segments of the first run, every record acked in the second")
                .noneMatch(keptFiles::contains);
        assertThat(channel().queueDeclarePassive("deep-kept").getMessageCount()).isZero();
    }

    // ---- transactions and confirms ----------------------------------------------------------------------

    @Test
    void aCommittedTransactionSurvivesARestartAndARolledBackOneLeavesNothing() throws Exception {
        start(BrokerConfig.forTests(dataDir));
        Channel channel = channel();
        channel.queueDeclare("tx", true, false, false, null);
        publishPersistent(channel, "tx", 2); // m0, m1 outside any transaction
        channel.txSelect();
        channel.basicGet("tx", false); // m0
        channel.basicAck(1, false);
        for (int i = 0; i < 5; i++) {
            channel.basicPublish("", "tx", MessageProperties.PERSISTENT_BASIC, body("committed " + i));
        }
        channel.txCommit();
        for (int i = 0; i < 3; i++) {
            channel.basicPublish("", "tx", MessageProperties.PERSISTENT_BASIC, body("rolled back " + i));
        }
        channel.txRollback();

        restart();

        assertThat(drainTexts(channel(), "tx"))
                .containsExactly("m1", "committed 0", "committed 1", "committed 2", "committed 3", "committed 4");
    }

    @Test
    void everyConfirmedMessageIsThereAfterARestartInEveryQueueItWasRoutedTo() throws Exception {
        int count = 1000;
        start(BrokerConfig.forTests(dataDir));
        Channel channel = channel();
        channel.exchangeDeclare("durability.fanout", BuiltinExchangeType.FANOUT, true);
        for (String queue : List.of("copy-a", "copy-b")) {
            channel.queueDeclare(queue, true, false, false, null);
            channel.queueBind(queue, "durability.fanout", "");
        }
        channel.confirmSelect();
        for (int i = 0; i < count; i++) {
            channel.basicPublish("durability.fanout", "", MessageProperties.PERSISTENT_BASIC, body("m" + i));
        }
        channel.waitForConfirmsOrDie(WAIT.toMillis());

        restart();

        Channel after = channel();
        List<String> expected = Stream.iterate(0, i -> i + 1).limit(count).map(i -> "m" + i).toList();
        assertThat(drainTexts(after, "copy-a")).containsExactlyElementsOf(expected);
        assertThat(drainTexts(after, "copy-b")).containsExactlyElementsOf(expected);
    }

    /**
     * A copy of the data directory taken while the broker runs is what a crash would leave behind (the page
     * cache survives a killed process): every message confirmed before the copy is in it.
     */
    @Test
    void everyConfirmedMessageIsInACopyOfTheDataDirectoryTakenWhileTheBrokerRuns(@TempDir Path copy)
            throws Exception {
        int count = 500;
        start(BrokerConfig.forTests(dataDir));
        Channel channel = channel();
        channel.queueDeclare("confirmed", true, false, false, null);
        channel.confirmSelect();
        for (int i = 0; i < count; i++) {
            channel.basicPublish("", "confirmed", MessageProperties.PERSISTENT_BASIC, body("m" + i));
        }
        channel.waitForConfirmsOrDie(WAIT.toMillis());
        copyTree(dataDir, copy);

        start(BrokerConfig.forTests(copy));

        List<String> expected = Stream.iterate(0, i -> i + 1).limit(count).map(i -> "m" + i).toList();
        assertThat(drainTexts(channel(), "confirmed")).containsExactlyElementsOf(expected);
    }

    @Test
    void aCommitOkMeansTheTransactionsMessagesAreInACopyOfTheDataDirectoryTakenRightAfter(@TempDir Path copy)
            throws Exception {
        start(BrokerConfig.forTests(dataDir));
        Channel channel = channel();
        channel.queueDeclare("tx-copy", true, false, false, null);
        channel.txSelect();
        for (int i = 0; i < 50; i++) {
            channel.basicPublish("", "tx-copy", MessageProperties.PERSISTENT_BASIC, body("m" + i));
        }
        channel.txCommit();
        copyTree(dataDir, copy);

        start(BrokerConfig.forTests(copy));

        assertThat(drainTexts(channel(), "tx-copy")).hasSize(50).first().isEqualTo("m0");
    }

    @Test
    void anEmbeddedPublishCompletesOnlyOnceTheMessageIsInTheDataDirectory(@TempDir Path copy) throws Exception {
        start(BrokerConfig.forTests(dataDir));
        channel().queueDeclare("embedded", true, false, false, null);
        Message message = new Message("", "embedded", io.eventyard.broker.core.message.MessageProperties.EMPTY
                .withDeliveryMode(2), body("from http"));

        PublishOutcome outcome = broker.publish("/", "guest", message).get(10, TimeUnit.SECONDS);
        copyTree(dataDir, copy);

        assertThat(outcome.routed()).isTrue();
        start(BrokerConfig.forTests(copy));
        assertThat(drainTexts(channel(), "embedded")).containsExactly("from http");
    }

    @Test
    void aMessageRoutedToADurableAndANonDurableQueueComesBackOnlyInTheDurableOne() throws Exception {
        start(BrokerConfig.forTests(dataDir));
        Channel channel = channel();
        channel.exchangeDeclare("durability.both", BuiltinExchangeType.FANOUT, true);
        channel.queueDeclare("both-durable", true, false, false, null);
        channel.queueDeclare("both-transient", false, false, false, null);
        channel.queueBind("both-durable", "durability.both", "");
        channel.queueBind("both-transient", "durability.both", "");
        channel.confirmSelect();
        channel.basicPublish("durability.both", "", MessageProperties.PERSISTENT_BASIC, body("fanned out"));
        channel.waitForConfirmsOrDie(WAIT.toMillis());

        restart();

        Channel after = channel();
        assertThat(drainTexts(after, "both-durable")).containsExactly("fanned out");
        after.queueDeclare("both-transient", false, false, false, null);
        assertThat(after.basicGet("both-transient", true)).isNull();
    }

    @Test
    void theQueuesOfADeletedVirtualHostHaveNoMessagesWhenItIsCreatedAgain() throws Exception {
        start(BrokerConfig.forTests(dataDir));
        broker.admin().addVirtualHost("shop");
        broker.admin().setPermissions("guest", "shop", ".*", ".*", ".*");
        Channel channel = channel("shop");
        channel.queueDeclare("carts", true, false, false, null);
        publishPersistent(channel, "carts", 3);
        broker.admin().deleteVirtualHost("shop");
        broker.admin().addVirtualHost("shop");
        broker.admin().setPermissions("guest", "shop", ".*", ".*", ".*");
        Channel again = channel("shop");
        assertThatThrownBy(() -> channel("shop").queueDeclarePassive("carts")).hasStackTraceContaining("NOT_FOUND");
        again.queueDeclare("carts", true, false, false, null);
        again.basicPublish("", "carts", MessageProperties.PERSISTENT_BASIC, body("new cart"));
        roundTrip(again);

        restart();

        assertThat(drainTexts(channel("shop"), "carts")).containsExactly("new cart");
    }

    // ---- clean shutdown ---------------------------------------------------------------------------------

    @Test
    void aCleanStopRightAfterPublishingLogsNoError() throws Exception {
        Logger brokerLogs = (Logger) LoggerFactory.getLogger("io.eventyard.broker");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        brokerLogs.addAppender(logged);
        try {
            start(BrokerConfig.forTests(dataDir));
            for (int round = 0; round < 5; round++) {
                // no round trip: the stop comes while the broker still routes and syncs, as it does in production
                Channel channel = channel();
                channel.queueDeclare("busy", true, false, false, null);
                for (int i = 0; i < 2000; i++) {
                    channel.basicPublish("", "busy", MessageProperties.PERSISTENT_BASIC, body("m" + i));
                }
                restart();
            }
        } finally {
            brokerLogs.detachAppender(logged);
        }

        assertThat(logged.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                .extracting(ILoggingEvent::getFormattedMessage)
                .isEmpty();
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private void start(BrokerConfig startConfig) throws IOException {
        if (broker != null) {
            broker.close();
            connections.clear();
        }
        config = startConfig;
        broker = Broker.start(startConfig);
    }

    /** A clean stop and a start on the same directory; connections still open are closed by the broker. */
    private void restart() throws IOException {
        broker.close();
        broker = null;
        connections.clear();
        broker = Broker.start(config);
    }

    private Channel channel() throws IOException, TimeoutException {
        return channel("/");
    }

    private Channel channel(String vhost) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setVirtualHost(vhost);
        factory.setHost("127.0.0.1");
        factory.setPort(broker.amqpPort());
        factory.setAutomaticRecoveryEnabled(false);
        factory.setConnectionTimeout(5000);
        factory.setChannelRpcTimeout((int) WAIT.toMillis());
        Connection connection = factory.newConnection();
        connections.add(connection);
        return connection.createChannel();
    }

    private static void publishPersistent(Channel channel, String queue, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            channel.basicPublish("", queue, MessageProperties.PERSISTENT_BASIC, body("m" + i));
        }
        roundTrip(channel);
    }

    /**
     * Waits until the broker has taken every publish sent on {@code channel} so far: basic.publish has no reply,
     * and a broker stopped while publishes are still in its socket never sees them (RabbitMQ neither).
     */
    private static void roundTrip(Channel channel) throws IOException {
        channel.exchangeDeclarePassive("amq.direct");
    }

    private static void consumeAndAck(Channel channel, String queue, int count) throws Exception {
        CountDownLatch received = new CountDownLatch(count);
        channel.basicQos(1); // one at a time, so that cancelling before the last ack stops deliveries exactly there
        channel.basicConsume(queue, false, (consumerTag, delivery) -> {
            if (received.getCount() == 1) {
                channel.basicCancel(consumerTag);
            }
            channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
            received.countDown();
        }, consumerTag -> { });
        assertThat(received.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        roundTrip(channel); // the last ack has reached the broker
    }

    private static List<GetResponse> drain(Channel channel, String queue) throws IOException {
        List<GetResponse> all = new ArrayList<>();
        for (GetResponse got = channel.basicGet(queue, false); got != null; got = channel.basicGet(queue, false)) {
            all.add(got);
        }
        return all;
    }

    private static List<String> drainTexts(Channel channel, String queue) throws IOException {
        return drain(channel, queue).stream().map(MessageDurabilityIT::text).toList();
    }

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(GetResponse got) {
        return new String(got.getBody(), StandardCharsets.UTF_8);
    }

    /** 1 KiB, its index in the first bytes, so that order and content are both checked. */
    private static byte[] kibibyte(int index) {
        byte[] bytes = new byte[1024];
        Arrays.fill(bytes, (byte) (index % 251));
        byte[] label = String.format("%08d", index).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(label, 0, bytes, 0, label.length);
        return bytes;
    }

    private static int index(byte[] kibibyte) {
        return Integer.parseInt(new String(kibibyte, 0, 8, StandardCharsets.US_ASCII));
    }

    private List<Path> filesUnder(String directory) throws IOException {
        Path root = dataDir.resolve(directory);
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static AMQP.BasicProperties everyProperty(int i) {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("depth", 2);
        nested.put("label", "inner");
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("string", "text " + i);
        headers.put("int", i);
        headers.put("long", 1L << 40);
        headers.put("bool", true);
        headers.put("byte", (byte) 7);
        headers.put("short", (short) 300);
        headers.put("float", 2.5f);
        headers.put("double", 1.25);
        headers.put("decimal", new BigDecimal("12.345"));
        headers.put("timestamp", new Date(1_700_000_000_000L));
        headers.put("table", nested);
        headers.put("array", List.of(1, "two", List.of(3L)));
        headers.put("bytes", new byte[] {1, 2, 3});
        headers.put("void", null);
        return new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .contentEncoding("utf-8")
                .headers(headers)
                .deliveryMode(2)
                .priority(5)
                .correlationId("corr-" + i)
                .replyTo("replies")
                .expiration("3600000")
                .messageId("id-" + i)
                .timestamp(new Date(1_700_000_000_000L + i * 1000L))
                .type("order.placed")
                .userId("guest")
                .appId("durability-it")
                .clusterId("cluster-1")
                .build();
    }

    private static void assertSameProperties(AMQP.BasicProperties actual, AMQP.BasicProperties expected) {
        assertThat(actual.getContentType()).isEqualTo(expected.getContentType());
        assertThat(actual.getContentEncoding()).isEqualTo(expected.getContentEncoding());
        assertThat(comparable(actual.getHeaders())).isEqualTo(comparable(expected.getHeaders()));
        assertThat(actual.getDeliveryMode()).isEqualTo(expected.getDeliveryMode());
        assertThat(actual.getPriority()).isEqualTo(expected.getPriority());
        assertThat(actual.getCorrelationId()).isEqualTo(expected.getCorrelationId());
        assertThat(actual.getReplyTo()).isEqualTo(expected.getReplyTo());
        assertThat(actual.getExpiration()).isEqualTo(expected.getExpiration());
        assertThat(actual.getMessageId()).isEqualTo(expected.getMessageId());
        assertThat(actual.getTimestamp()).isEqualTo(expected.getTimestamp());
        assertThat(actual.getType()).isEqualTo(expected.getType());
        assertThat(actual.getUserId()).isEqualTo(expected.getUserId());
        assertThat(actual.getAppId()).isEqualTo(expected.getAppId());
        assertThat(actual.getClusterId()).isEqualTo(expected.getClusterId());
    }

    /**
     * A header value in a form equals() can compare: strings come back as LongString and byte arrays compare by
     * identity; every other type must come back as the type that was sent.
     */
    private static Object comparable(Object value) {
        if (value instanceof LongString || value instanceof String) {
            return "S:" + value;
        }
        if (value instanceof byte[] bytes) {
            return "x:" + Arrays.toString(bytes);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), comparable(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(MessageDurabilityIT::comparable).toList();
        }
        return value;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
