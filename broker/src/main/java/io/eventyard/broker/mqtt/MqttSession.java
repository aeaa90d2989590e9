package io.eventyard.broker.mqtt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

import io.eventyard.broker.core.BrokerCore;
import io.eventyard.broker.core.exchange.Binding;
import io.eventyard.broker.core.exchange.Destination;
import io.eventyard.broker.core.exchange.Exchange;
import io.eventyard.broker.core.message.FieldValues;
import io.eventyard.broker.core.message.Message;
import io.eventyard.broker.core.queue.MessageQueue;
import io.eventyard.broker.core.queue.QueueEntry;
import io.eventyard.broker.core.vhost.VirtualHost;

/**
 * One MQTT session: its subscriptions, the queue they fill, and the packets in flight. A session without
 * expiry lives and dies with its connection; a persistent one outlives it, kept here while the broker runs and
 * in the message store across restarts.
 *
 * <p>Every ordinary subscription is a binding from {@code amq.topic} to the session's one queue, so a message
 * that matches several of the session's filters arrives once, at the highest QoS they grant (MQTT 5.0 section
 * 3.3.4). The queue of a persistent session is durable and carries the subscription options in its binding
 * arguments, which is all a restarted broker needs to give the session back. A shared subscription
 * ({@code $share/group/filter}) is a queue of its own that every member session consumes from. Core thread.
 */
final class MqttSession {

    static final String EXCHANGE = "amq.topic";
    /** Marks a retained message copied into this queue because of a new subscription: it goes out with RETAIN. */
    static final String ON_SUBSCRIBE_HEADER = "x-mqtt-retained-on-subscribe";

    /** What the matching subscriptions of one message ask for. */
    private record Match(int qos, boolean retainAsPublished, List<Integer> identifiers) {
    }

    private final String clientId;
    private final BrokerCore core;
    private final VirtualHost vhost;
    private final MqttLimits limits;
    private final SessionRegistry registry;
    private boolean persistent;
    private final String queueName;
    /** Subscriptions by {@link Subscription#key()}, in the order they were made. */
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final Map<String, SubscriptionConsumer> sharedConsumers = new HashMap<>();
    private final OutboundInflight inflight = new OutboundInflight();
    /** Packet ids of QoS 2 PUBLISHes received and answered with PUBREC, awaiting their PUBREL. */
    private final Set<Integer> inboundQos2 = new HashSet<>();
    private SubscriptionConsumer own;
    private MqttConnection connection;
    private long expirySeconds;
    private ScheduledFuture<?> expiryTimer;
    private Runnable pendingWill;
    private ScheduledFuture<?> pendingWillTimer;
    private boolean ended;

    private MqttSession(String clientId, BrokerCore core, VirtualHost vhost, MqttLimits limits,
                        SessionRegistry registry, long expirySeconds) {
        this.clientId = clientId;
        this.core = core;
        this.vhost = vhost;
        this.limits = limits;
        this.registry = registry;
        this.expirySeconds = expirySeconds;
        this.persistent = expirySeconds > 0;
        this.queueName = queueName(clientId);
    }

    /**
     * The session for a CONNECT: the client's existing one when it asks to resume (clean start 0) and the
     * broker has it, in memory or, after a restart, as a durable queue; otherwise a new one, after the old
     * one (if any) has ended.
     */
    static Resumed open(String clientId, boolean cleanStart, long expirySeconds, BrokerCore core, VirtualHost vhost,
                        MqttLimits limits, SessionRegistry registry) {
        MqttSession existing = registry.get(clientId);
        if (!cleanStart && existing != null && !existing.ended) {
            existing.expirySeconds = expirySeconds;
            return new Resumed(existing, true);
        }
        if (existing != null) {
            existing.end();
        }
        MqttSession session = new MqttSession(clientId, core, vhost, limits, registry, expirySeconds);
        MessageQueue leftover = vhost.findQueue(session.queueName);
        boolean present = false;
        if (leftover != null && leftover.durable()) {
            if (cleanStart) {
                vhost.deleteQueue(session.queueName, false, false, null);
            } else {
                session.persistent = true;
                session.restoreSubscriptions(leftover);
                present = true;
            }
        }
        registry.put(session);
        return new Resumed(session, present);
    }

    record Resumed(MqttSession session, boolean present) {
    }

    String clientId() {
        return clientId;
    }

    /** The connection carrying the session now, or null while it waits for the client. */
    MqttConnection connection() {
        return connection;
    }

    boolean persistent() {
        return persistent;
    }

    void expirySeconds(long seconds) {
        expirySeconds = seconds;
    }

    /** Whether a publish of this client must carry its id, for its own no-local subscriptions to skip it. */
    boolean hasNoLocalSubscription() {
        for (Subscription subscription : subscriptions.values()) {
            if (subscription.noLocal()) {
                return true;
            }
        }
        return false;
    }

    Set<Integer> inboundQos2() {
        return inboundQos2;
    }

    // ---- connections ------------------------------------------------------------------------------------

    /**
     * {@code connection} now carries the session: a pending will is off, the consumers are back, and what was
     * in flight goes out again with its original packet ids (PUBLISH with DUP set, PUBREL as it was).
     */
    void attach(MqttConnection attached) {
        connection = attached;
        if (expiryTimer != null) {
            expiryTimer.cancel(false);
            expiryTimer = null;
        }
        cancelPendingWill();
        for (Map.Entry<Integer, OutboundInflight.Delivery> flight : inflight.all().entrySet()) {
            OutboundInflight.Delivery delivery = flight.getValue();
            if (delivery.stage == OutboundInflight.Stage.RELEASED) {
                attached.sendPubRel(flight.getKey(), 0);
            } else {
                sendPublish(delivery.consumer, delivery.entry, delivery.qos, flight.getKey(), true, delivery.retainFlag);
            }
        }
        if (own != null) {
            if (own.queue().isDeleted()) {
                own = null;
            } else {
                own.queue().addConsumer(own);
            }
        }
        for (Subscription subscription : List.copyOf(subscriptions.values())) {
            if (subscription.shared()) {
                sharedConsumers.remove(subscription.key());
                attachShared(subscription);
            }
        }
    }

    /**
     * The connection is gone. A session without expiry ends with it; a persistent one waits for the client,
     * its queue filling, until it expires.
     */
    void detach(MqttConnection detached, Runnable will, long willDelaySeconds) {
        if (connection != detached) {
            return;
        }
        connection = null;
        if (!persistent || expirySeconds == 0) {
            if (will != null) {
                will.run();
            }
            end();
            return;
        }
        for (SubscriptionConsumer consumer : sharedConsumers.values()) {
            releaseShared(consumer);
        }
        if (own != null && !own.queue().isDeleted()) {
            // Its deliveries in flight stay unacknowledged in the queue and in this session, for the resend.
            own.queue().removeConsumer(own);
        }
        long expiry = Math.min(expirySeconds, limits.maxSessionExpirySeconds());
        expiryTimer = vhost.schedule(this::expire, Duration.ofSeconds(expiry));
        if (will != null) {
            // MQTT 5.0 section 3.1.3.2.2: the will waits for its delay or the end of the session, whichever is first
            if (willDelaySeconds == 0) {
                will.run();
            } else {
                pendingWill = will;
                pendingWillTimer = vhost.schedule(this::firePendingWill, Duration.ofSeconds(willDelaySeconds));
            }
        }
    }

    private void expire() {
        expiryTimer = null;
        if (connection == null) {
            end();
        }
    }

    private void firePendingWill() {
        Runnable will = pendingWill;
        pendingWill = null;
        pendingWillTimer = null;
        if (will != null) {
            will.run();
        }
    }

    private void cancelPendingWill() {
        pendingWill = null;
        if (pendingWillTimer != null) {
            pendingWillTimer.cancel(false);
            pendingWillTimer = null;
        }
    }

    /** The session is over: its queue and subscriptions go, and a will still waiting goes out now. */
    void end() {
        if (ended) {
            return;
        }
        ended = true;
        registry.remove(this);
        if (expiryTimer != null) {
            expiryTimer.cancel(false);
        }
        firePendingWill();
        for (SubscriptionConsumer consumer : sharedConsumers.values()) {
            releaseShared(consumer);
        }
        sharedConsumers.clear();
        subscriptions.clear();
        MessageQueue queue = vhost.findQueue(queueName);
        if (queue != null) {
            vhost.deleteQueue(queueName, false, false, queue.exclusiveOwner());
        }
        own = null;
        connection = null;
    }

    // ---- subscriptions ----------------------------------------------------------------------------------

    /** Adds or replaces a subscription; returns whether one with the same filter existed (retain handling 1). */
    boolean subscribe(Subscription subscription) {
        Subscription before = subscriptions.get(subscription.key());
        if (subscription.shared()) {
            subscriptions.put(subscription.key(), subscription);
            SubscriptionConsumer consumer = sharedConsumers.get(subscription.key());
            if (consumer != null && !consumer.queue().isDeleted()) {
                consumer.shared(subscription);
            } else if (connection != null) {
                attachShared(subscription);
            }
            return before != null;
        }
        String bindingKey = TopicMapping.bindingKey(subscription.filter());
        MessageQueue queue = ownQueue();
        if (before != null) {
            vhost.unbind(Destination.queue(queue.name()), EXCHANGE, bindingKey, before.bindingArguments());
        }
        vhost.bind(Destination.queue(queue.name()), EXCHANGE, bindingKey, subscription.bindingArguments());
        subscriptions.put(subscription.key(), subscription);
        return before != null;
    }

    /** Removes a subscription by its filter (or {@code $share/...} text); returns whether it existed. */
    boolean unsubscribe(String key) {
        Subscription removed = subscriptions.remove(key);
        if (removed == null) {
            return false;
        }
        if (removed.shared()) {
            SubscriptionConsumer consumer = sharedConsumers.remove(key);
            if (consumer != null) {
                releaseShared(consumer);
            }
        } else if (own != null && !own.queue().isDeleted()) {
            vhost.unbind(Destination.queue(own.queue().name()), EXCHANGE, TopicMapping.bindingKey(removed.filter()),
                    removed.bindingArguments());
        }
        return true;
    }

    /** Copies retained messages into this session's queue, to go out with RETAIN set (MQTT 5.0 section 3.3.1.3). */
    void deliverRetained(List<Message> retained) {
        if (retained.isEmpty()) {
            return;
        }
        MessageQueue queue = ownQueue();
        for (Message message : retained) {
            Map<String, Object> headers = new LinkedHashMap<>();
            if (message.properties().headers() != null) {
                headers.putAll(message.properties().headers());
            }
            headers.put(ON_SUBSCRIBE_HEADER, true);
            queue.enqueue(message.withProperties(message.properties().withHeaders(headers)));
        }
        queue.dispatch();
    }

    /** Delivers what the queues hold now that a subscription or a free slot may let it out. */
    void dispatch() {
        if (own != null && !own.queue().isDeleted()) {
            own.queue().dispatch();
        }
        for (SubscriptionConsumer consumer : sharedConsumers.values()) {
            if (!consumer.queue().isDeleted()) {
                consumer.queue().dispatch();
            }
        }
    }

    private MessageQueue ownQueue() {
        if (own != null && !own.queue().isDeleted()) {
            return own.queue();
        }
        MessageQueue queue = vhost.findQueue(queueName);
        if (queue == null) {
            Map<String, Object> arguments = new LinkedHashMap<>();
            arguments.put("x-max-length", limits.maxQueuedMessages());
            if (persistent) {
                // The longest a session may wait; the session's own, shorter, expiry is timed in memory.
                arguments.put("x-expires", limits.maxSessionExpirySeconds() * 1000);
            }
            vhost.declareQueue(queueName, false, persistent, !persistent, false, arguments, connection);
            queue = vhost.findQueue(queueName);
        }
        own = new SubscriptionConsumer(this, queue, null);
        if (connection != null) {
            queue.addConsumer(own);
        }
        return queue;
    }

    private void restoreSubscriptions(MessageQueue queue) {
        Exchange exchange = vhost.exchange(EXCHANGE);
        if (exchange != null) {
            Destination destination = Destination.queue(queue.name());
            for (Binding binding : exchange.bindings().bindings()) {
                Subscription subscription = binding.destination().equals(destination)
                        ? Subscription.fromBindingArguments(binding.arguments()) : null;
                if (subscription != null) {
                    subscriptions.put(subscription.key(), subscription);
                }
            }
        }
        own = new SubscriptionConsumer(this, queue, null);
    }

    private void attachShared(Subscription subscription) {
        String name = "mqtt-shared-" + subscription.shareGroup() + "-" + subscription.filter();
        MessageQueue queue = vhost.findQueue(name);
        if (queue == null) {
            // Lives while a member consumes from it: RabbitMQ-style auto-delete, not tied to one connection.
            vhost.declareQueue(name, false, false, false, true,
                    Map.of("x-max-length", limits.maxQueuedMessages()), null);
            queue = vhost.findQueue(name);
            vhost.bind(Destination.queue(name), EXCHANGE, TopicMapping.bindingKey(subscription.filter()), Map.of());
        }
        SubscriptionConsumer consumer = new SubscriptionConsumer(this, queue, subscription);
        sharedConsumers.put(subscription.key(), consumer);
        queue.addConsumer(consumer);
    }

    /** Gives a shared queue's deliveries still unreceived back to the group, and leaves the group's queue. */
    private void releaseShared(SubscriptionConsumer consumer) {
        List<OutboundInflight.Delivery> back = inflight.removeUnreceived(consumer);
        if (consumer.queue().isDeleted()) {
            return;
        }
        if (!back.isEmpty()) {
            List<QueueEntry> entries = new ArrayList<>(back.size());
            back.forEach(delivery -> entries.add(delivery.entry));
            consumer.queue().requeue(entries);
        }
        consumer.queue().removeConsumer(consumer);
    }

    void queueGone(SubscriptionConsumer consumer) {
        // someone deleted the queue (management API): its subscriptions no longer deliver
        if (consumer == own) {
            own = null;
            subscriptions.values().removeIf(subscription -> !subscription.shared());
        } else if (consumer.shared() != null) {
            sharedConsumers.remove(consumer.shared().key());
            subscriptions.remove(consumer.shared().key());
        }
        inflight.all().values().removeIf(delivery -> delivery.consumer == consumer);
    }

    // ---- deliveries out ---------------------------------------------------------------------------------

    boolean canDeliver() {
        return connection != null && connection.canDeliver(inflight.size());
    }

    void deliver(SubscriptionConsumer consumer, QueueEntry entry) {
        Message message = entry.message();
        String topic = TopicMapping.topic(message.routingKey());
        Match match = TopicMapping.validTopic(topic) ? match(consumer, topic, message) : null;
        if (match == null) {
            consumer.queue().settle(entry); // not for this session after all: MQTT's rules are stricter than AMQP's
            return;
        }
        core.counters().delivered(entry.redelivered());
        int qos = Math.min(match.qos(), publishedQos(message));
        Map<String, Object> headers = message.properties().headers();
        boolean retainFlag = headers != null && (headers.containsKey(ON_SUBSCRIBE_HEADER)
                || match.retainAsPublished() && Boolean.TRUE.equals(headers.get(PropertyMapping.RETAIN_HEADER)));
        if (qos == 0) {
            consumer.queue().settle(entry);
            sendPublish(consumer, entry, 0, 0, false, retainFlag, match.identifiers());
            return;
        }
        OutboundInflight.Delivery delivery = new OutboundInflight.Delivery(consumer, entry, qos, retainFlag);
        int packetId = inflight.add(delivery);
        if (!sendPublish(consumer, entry, qos, packetId, entry.redelivered(), retainFlag, match.identifiers())) {
            inflight.remove(packetId);
            consumer.queue().settle(entry);
        }
    }

    private boolean sendPublish(SubscriptionConsumer consumer, QueueEntry entry, int qos, int packetId, boolean dup,
                                boolean retainFlag) {
        Match match = match(consumer, TopicMapping.topic(entry.message().routingKey()), entry.message());
        return sendPublish(consumer, entry, qos, packetId, dup, retainFlag,
                match == null ? List.of() : match.identifiers());
    }

    private boolean sendPublish(SubscriptionConsumer consumer, QueueEntry entry, int qos, int packetId, boolean dup,
                                boolean retainFlag, List<Integer> identifiers) {
        return connection.sendPublish(entry.message(), qos, packetId, dup, retainFlag, entry.expiresAtMillis(),
                identifiers);
    }

    /**
     * The subscriptions of this session that {@code message} matches, or null when none does: an AMQP binding
     * matches {@code $} topics that MQTT keeps from leading wildcards, and no-local subscriptions skip the
     * session's own messages.
     */
    private Match match(SubscriptionConsumer consumer, String topic, Message message) {
        if (consumer.shared() != null) {
            Subscription shared = consumer.shared();
            if (!TopicMapping.matches(shared.filter(), topic)) {
                return null;
            }
            return new Match(shared.qos(), shared.retainAsPublished(),
                    shared.identifier() == 0 ? List.of() : List.of(shared.identifier()));
        }
        Map<String, Object> headers = message.properties().headers();
        boolean own = headers != null
                && clientId.equals(FieldValues.asString(headers.get(PropertyMapping.PUBLISHER_HEADER)));
        Subscription only = onlyOrdinarySubscription();
        if (only != null && !own && !topic.startsWith("$")) {
            // The common case (a device or a service with one filter): the queue's one binding matched it already.
            return new Match(only.qos(), only.retainAsPublished(),
                    only.identifier() == 0 ? List.of() : List.of(only.identifier()));
        }
        int qos = -1;
        boolean retainAsPublished = false;
        List<Integer> identifiers = List.of();
        for (Subscription subscription : subscriptions.values()) {
            if (subscription.shared() || (own && subscription.noLocal())
                    || !TopicMapping.matches(subscription.filter(), topic)) {
                continue;
            }
            qos = Math.max(qos, subscription.qos());
            retainAsPublished |= subscription.retainAsPublished();
            if (subscription.identifier() != 0) {
                if (identifiers.isEmpty()) {
                    identifiers = new ArrayList<>(2);
                }
                identifiers.add(subscription.identifier());
            }
        }
        return qos < 0 ? null : new Match(qos, retainAsPublished, identifiers);
    }

    /** The session's one ordinary (not shared) subscription, or null when it has none or several. */
    private Subscription onlyOrdinarySubscription() {
        Subscription only = null;
        for (Subscription subscription : subscriptions.values()) {
            if (!subscription.shared()) {
                if (only != null) {
                    return null;
                }
                only = subscription;
            }
        }
        return only;
    }

    /**
     * An AMQP publisher says nothing of MQTT QoS; as in RabbitMQ, a persistent message counts as QoS 1 and a
     * transient one as QoS 0, unless an MQTT publisher left its QoS in the header.
     */
    private static int publishedQos(Message message) {
        Map<String, Object> headers = message.properties().headers();
        Long qos = headers == null ? null : FieldValues.asLong(headers.get(PropertyMapping.QOS_HEADER));
        if (qos != null) {
            return (int) Math.min(Math.max(qos, 0), 2);
        }
        return message.properties().persistent() ? 1 : 0;
    }

    // ---- acknowledgements in ----------------------------------------------------------------------------

    /** PUBACK: a QoS 1 delivery is done. */
    void acknowledged(int packetId) {
        OutboundInflight.Delivery delivery = inflight.get(packetId);
        if (delivery == null || delivery.qos != 1) {
            return; // a late or repeated PUBACK, nothing to settle
        }
        inflight.remove(packetId);
        settle(delivery);
        dispatch();
    }

    /** PUBREC: the client has a QoS 2 delivery; the entry is settled and the id waits for PUBCOMP. */
    boolean received(int packetId, int reason) {
        OutboundInflight.Delivery delivery = inflight.get(packetId);
        if (delivery == null || delivery.qos != 2) {
            return false;
        }
        if (delivery.stage == OutboundInflight.Stage.PUBLISHED) {
            settle(delivery);
        }
        if (reason >= 0x80) {
            inflight.remove(packetId); // the client refused it: the flow ends here (MQTT 5.0 section 4.3.3)
            dispatch();
            return true;
        }
        delivery.stage = OutboundInflight.Stage.RELEASED;
        return true;
    }

    /** PUBCOMP: the QoS 2 flow is complete and its packet id free. */
    void completed(int packetId) {
        OutboundInflight.Delivery delivery = inflight.get(packetId);
        if (delivery != null && delivery.stage == OutboundInflight.Stage.RELEASED) {
            inflight.remove(packetId);
            dispatch();
        }
    }

    private void settle(OutboundInflight.Delivery delivery) {
        MessageQueue queue = delivery.consumer.queue();
        if (!queue.isDeleted()) {
            queue.settle(delivery.entry);
            core.counters().acknowledged(1);
        }
    }

    // ---- names ------------------------------------------------------------------------------------------

    /**
     * The session queue's name. A client id may be 65535 bytes, a queue name 255: a long id is replaced by its
     * SHA-256, which keeps the name unique.
     */
    static String queueName(String clientId) {
        String name = "mqtt-session-" + clientId;
        if (name.getBytes(StandardCharsets.UTF_8).length <= 255) {
            return name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(clientId.getBytes(StandardCharsets.UTF_8));
            return "mqtt-session-sha256-" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
