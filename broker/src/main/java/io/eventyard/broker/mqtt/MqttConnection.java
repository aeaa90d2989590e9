package io.eventyard.broker.mqtt;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.eventyard.broker.BrokerConfig;
import io.eventyard.broker.core.BrokerConnection;
import io.eventyard.broker.core.BrokerCore;
import io.eventyard.broker.core.CoreException;
import io.eventyard.broker.core.auth.Access;
import io.eventyard.broker.core.auth.User;
import io.eventyard.broker.core.exchange.Destination;
import io.eventyard.broker.core.message.FieldValues;
import io.eventyard.broker.core.message.Message;
import io.eventyard.broker.core.message.MessageProperties;
import io.eventyard.broker.core.queue.MessageQueue;
import io.eventyard.broker.core.queue.QueueEntry;
import io.eventyard.broker.core.vhost.PublishResult;
import io.eventyard.broker.core.vhost.VirtualHost;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;

/**
 * One MQTT connection as the core sees it: the CONNECT handshake, publishing into {@code amq.topic},
 * subscriptions as queues bound to it, and the end of the connection (will or not). Every method runs on the
 * core thread; packets arrive from {@link MqttChannelHandler} and leave through {@link MqttOutput}.
 */
final class MqttConnection implements BrokerConnection {

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);

    /** MQTT has no vhost in CONNECT; RabbitMQ's plugin uses its default vhost, and so does this broker for now. */
    static final String VHOST = "/";
    static final String EXCHANGE = "amq.topic";
    /** The QoS a message was published at, kept in a header as RabbitMQ's plugin does. */
    static final String QOS_HEADER = "x-mqtt-publish-qos";
    /** QoS 1 PUBLISH packets waiting for their PUBACK, past which deliveries wait. */
    private static final int MAX_OUTBOUND_INFLIGHT = 1024;

    private static final int LEVEL_3_1_1 = 4;
    private static final int LEVEL_5 = 5;

    private enum State { AWAITING_CONNECT, CONNECTED, CLOSED }

    private final BrokerCore core;
    private final BrokerConfig config;
    private final ClientIdRegistry clientIds;
    private final MqttOutput output;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final long openedAtMillis = System.currentTimeMillis();
    /** Filter → granted QoS, in subscription order. */
    private final Map<String, Integer> subscriptions = new LinkedHashMap<>();
    /** The consumer of the subscription queue for QoS 0 and for QoS 1; null until a filter needs it. */
    private final SubscriptionConsumer[] consumers = new SubscriptionConsumer[2];
    private final OutboundInflight inflight = new OutboundInflight();
    private State state = State.AWAITING_CONNECT;
    private int level;
    private String clientId;
    private String user;
    private Will will;
    private VirtualHost vhost;
    private int outboundLimit = MAX_OUTBOUND_INFLIGHT;
    /** The highest sync ticket a PUBACK so far waited for: acks wait on it too, so they leave in order. */
    private long lastAckTicket;

    MqttConnection(BrokerCore core, BrokerConfig config, ClientIdRegistry clientIds, MqttOutput output,
                   InetSocketAddress remote, InetSocketAddress local) {
        this.core = core;
        this.config = config;
        this.clientIds = clientIds;
        this.output = output;
        this.remote = remote;
        this.local = local;
    }

    // ---- packets in -------------------------------------------------------------------------------------

    void handle(MqttMessage packet) {
        if (state == State.CLOSED) {
            return;
        }
        MqttMessageType type = packet.fixedHeader().messageType();
        if (state == State.AWAITING_CONNECT && type != MqttMessageType.CONNECT) {
            // MQTT 3.1.1 section 3.1: the first packet must be CONNECT; anything else ends the connection.
            LOG.info("{}: first packet was {}, not CONNECT; closing", this, type);
            abort();
            return;
        }
        switch (type) {
            case CONNECT -> connect((MqttConnectMessage) packet);
            case SUBSCRIBE -> subscribe((MqttSubscribeMessage) packet);
            case UNSUBSCRIBE -> unsubscribe((MqttUnsubscribeMessage) packet);
            case PUBACK -> acknowledged(((MqttMessageIdVariableHeader) packet.variableHeader()).messageId());
            case PUBREL -> send(new MqttMessage(fixed(MqttMessageType.PUBCOMP, MqttQoS.AT_MOST_ONCE),
                    MqttMessageIdVariableHeader.from(((MqttMessageIdVariableHeader) packet.variableHeader()).messageId())));
            case PINGREQ -> send(new MqttMessage(fixed(MqttMessageType.PINGRESP, MqttQoS.AT_MOST_ONCE)));
            case DISCONNECT -> disconnect(packet);
            default -> protocolError("unexpected " + type);
        }
    }

    void publish(InboundPublish publish) {
        if (state != State.CONNECTED) {
            abort();
            return;
        }
        if (!TopicMapping.validTopic(publish.topic())) {
            // an empty topic in 5.0 would name a topic alias, which this broker does not offer
            closeWithReason(0x90, "invalid topic name '" + publish.topic() + "'");
            return;
        }
        PublishResult result;
        try {
            core.authorize(user, VHOST, Access.WRITE, "exchange", EXCHANGE);
            vhost.exchangeForPublish(EXCHANGE);
            result = vhost.publish(toMessage(publish.topic(), publish.qos(), publish.payload()));
        } catch (CoreException refused) {
            closeWithReason(0x87, refused.detail());
            return;
        }
        if (publish.qos() == 0) {
            return;
        }
        // The ack goes out once the message is where the broker keeps it: on disk for a persistent message in
        // a durable queue, at once otherwise. Waiting on the highest ticket so far keeps acks in PUBLISH order.
        lastAckTicket = Math.max(lastAckTicket, result.syncTicket());
        int reason = result.routedQueues() == 0 ? 0x10 : result.rejected() ? 0x97 : 0x00;
        int packetId = publish.packetId();
        MqttMessageType ackType = publish.qos() == 1 ? MqttMessageType.PUBACK : MqttMessageType.PUBREC;
        core.durability().whenDurable(lastAckTicket, () -> {
            if (state == State.CONNECTED) {
                send(new MqttMessage(fixed(ackType, MqttQoS.AT_MOST_ONCE), pubReply(packetId, reason)));
            }
        });
    }

    /** The decoder could not read a packet (malformed, too large, unsupported protocol level). */
    void decodingFailed(Throwable cause) {
        if (state == State.CLOSED) {
            return;
        }
        LOG.info("{}: bad packet, closing: {}", this, cause.toString());
        if (state == State.AWAITING_CONNECT) {
            if (cause instanceof MqttUnacceptableProtocolVersionException) {
                // MQTT 3.1.1 section 3.1.2.2: answer an unknown level with return code 1, then close
                output.sendAndClose(connAck(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION,
                        MqttProperties.NO_PROPERTIES));
                state = State.CLOSED;
            } else {
                abort();
            }
            return;
        }
        closeWithReason(cause instanceof TooLongFrameException ? 0x95 : 0x81, cause.getMessage());
    }

    /** The socket closed. Without a DISCONNECT before it, this is an unclean end: the will goes out. */
    void socketClosed() {
        end(true);
    }

    /** The client's keep alive ran out (1.5 times the interval without a packet): an unclean end. */
    void keepAliveExpired() {
        LOG.info("{}: no packet within 1.5 times the keep alive, closing", this);
        end(true);
        output.close();
    }

    // ---- CONNECT ----------------------------------------------------------------------------------------

    private void connect(MqttConnectMessage connect) {
        if (state != State.AWAITING_CONNECT) {
            protocolError("second CONNECT");
            return;
        }
        level = connect.variableHeader().version();
        if (level != LEVEL_3_1_1 && level != LEVEL_5) {
            // MQTT 3.1 (level 3) and anything else: the 3.1.1 answer to an unacceptable level
            refuse(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, null);
            return;
        }
        String requestedId = connect.payload().clientIdentifier();
        boolean assigned = false;
        if (requestedId == null || requestedId.isEmpty()) {
            if (level == LEVEL_3_1_1 && !connect.variableHeader().isCleanSession()) {
                // MQTT 3.1.1 section 3.1.3.1: an empty client id needs a clean session
                refuse(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED, null);
                return;
            }
            requestedId = "auto-" + UUID.randomUUID();
            assigned = true;
        }
        clientId = requestedId;
        String refusal = authenticate(connect);
        if (refusal != null) {
            return;
        }
        vhost = core.virtualHost(VHOST);
        if (vhost == null) {
            refuse(level == LEVEL_5 ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5
                    : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE, "no vhost '" + VHOST + "'");
            return;
        }
        if (connect.variableHeader().isWillFlag()) {
            String willTopic = connect.payload().willTopic();
            if (!TopicMapping.validTopic(willTopic)) {
                refuse(level == LEVEL_5 ? MqttConnectReturnCode.CONNECTION_REFUSED_TOPIC_NAME_INVALID
                        : MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, "bad will topic");
                return;
            }
            will = new Will(willTopic, connect.variableHeader().willQos(), connect.payload().willMessageInBytes());
        }
        if (level == LEVEL_5) {
            MqttProperties.MqttProperty<?> receiveMaximum = connect.variableHeader().properties()
                    .getProperty(MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value());
            if (receiveMaximum != null && receiveMaximum.value() instanceof Integer max && max > 0) {
                outboundLimit = Math.min(max, MAX_OUTBOUND_INFLIGHT);
            }
        }
        MqttConnection previous = clientIds.claim(clientId, this);
        if (previous != null && previous != this) {
            previous.takenOver();
        }
        state = State.CONNECTED;
        core.connectionOpened(this);
        // Sessions are always clean in this version: a request for a persistent one gets a fresh session,
        // which CONNACK says with session present = 0.
        output.send(connAck(MqttConnectReturnCode.CONNECTION_ACCEPTED, connAckProperties(assigned)));
        LOG.debug("{}: connected as '{}' (MQTT {})", this, user, level == LEVEL_5 ? "5.0" : "3.1.1");
    }

    /** Null when the user may connect; otherwise the connection has been refused and the reason is returned. */
    private String authenticate(MqttConnectMessage connect) {
        String name = connect.payload().userName();
        byte[] password = connect.payload().passwordInBytes();
        if (name == null) {
            refuse(notAuthorized(), "no username (anonymous access is off)");
            return "anonymous";
        }
        User known = core.user(name);
        boolean loopbackRefused = known != null && name.equals(config.loopbackOnlyUser())
                && !remote.getAddress().isLoopbackAddress();
        if (known == null || password == null || loopbackRefused
                || !known.passwordMatches(new String(password, java.nio.charset.StandardCharsets.UTF_8))) {
            refuse(level == LEVEL_5 ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                    : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD, "login refused for '" + name + "'");
            return "credentials";
        }
        if (core.permission(name, VHOST) == null) {
            refuse(notAuthorized(), "user '" + name + "' has no access to vhost '" + VHOST + "'");
            return "vhost";
        }
        user = name;
        return null;
    }

    private MqttConnectReturnCode notAuthorized() {
        return level == LEVEL_5 ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
                : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
    }

    private MqttProperties connAckProperties(boolean assignedId) {
        if (level != LEVEL_5) {
            return MqttProperties.NO_PROPERTIES;
        }
        MqttProperties properties = new MqttProperties();
        if (assignedId) {
            properties.add(new MqttProperties.StringProperty(
                    MqttProperties.MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value(), clientId));
        }
        properties.add(new MqttProperties.IntegerProperty(
                MqttProperties.MqttPropertyType.MAXIMUM_PACKET_SIZE.value(), config.mqttMaxPacketSize()));
        // what this version does not offer yet, so that 5.0 clients do not try
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.RETAIN_AVAILABLE.value(), 0));
        properties.add(new MqttProperties.IntegerProperty(
                MqttProperties.MqttPropertyType.SHARED_SUBSCRIPTION_AVAILABLE.value(), 0));
        properties.add(new MqttProperties.IntegerProperty(
                MqttProperties.MqttPropertyType.SUBSCRIPTION_IDENTIFIER_AVAILABLE.value(), 0));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(), 0));
        return properties;
    }

    private void refuse(MqttConnectReturnCode code, String why) {
        LOG.info("{}: CONNECT refused ({}){}", this, code, why == null ? "" : ": " + why);
        output.sendAndClose(connAck(code, MqttProperties.NO_PROPERTIES));
        state = State.CLOSED;
    }

    private static MqttConnAckMessage connAck(MqttConnectReturnCode code, MqttProperties properties) {
        return new MqttConnAckMessage(fixed(MqttMessageType.CONNACK, MqttQoS.AT_MOST_ONCE),
                new MqttConnAckVariableHeader(code, false, properties));
    }

    // ---- SUBSCRIBE / UNSUBSCRIBE ------------------------------------------------------------------------

    private void subscribe(MqttSubscribeMessage subscribe) {
        List<Integer> codes = new ArrayList<>();
        for (MqttTopicSubscription subscription : subscribe.payload().topicSubscriptions()) {
            codes.add(subscribe(subscription.topicName(), subscription.qualityOfService().value()));
        }
        int packetId = subscribe.idAndPropertiesVariableHeader().messageId();
        send(new MqttSubAckMessage(fixed(MqttMessageType.SUBACK, MqttQoS.AT_MOST_ONCE),
                new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
                new MqttSubAckPayload(codes)));
        for (SubscriptionConsumer consumer : consumers) {
            if (consumer != null) {
                consumer.queue().dispatch();
            }
        }
    }

    /** Subscribes one filter; returns its SUBACK code (the granted QoS, or a failure code). */
    private int subscribe(String filter, int requestedQos) {
        String bindingKey = TopicMapping.bindingKey(filter);
        if (bindingKey == null) {
            return level == LEVEL_5 ? 0x8F : 0x80;
        }
        if (level == LEVEL_5 && filter.startsWith("$share/")) {
            return 0x9E; // shared subscriptions not supported (yet)
        }
        // QoS 2 is granted as 1 in this version: deliveries go out at most at QoS 1.
        int granted = Math.min(requestedQos, 1);
        try {
            core.authorize(user, VHOST, Access.READ, "exchange", EXCHANGE);
            Integer before = subscriptions.get(filter);
            if (before != null && before != granted) {
                vhost.unbind(Destination.queue(consumer(before).queue().name()), EXCHANGE, bindingKey, Map.of());
            }
            SubscriptionConsumer consumer = consumer(granted);
            vhost.bind(Destination.queue(consumer.queue().name()), EXCHANGE, bindingKey, Map.of());
            subscriptions.put(filter, granted);
            return granted;
        } catch (CoreException refused) {
            LOG.info("{}: subscription to '{}' refused: {}", this, filter, refused.detail());
            return level == LEVEL_5 ? 0x87 : 0x80;
        }
    }

    /** The consumer of the subscription queue for {@code qos}, declaring the queue on first use. */
    private SubscriptionConsumer consumer(int qos) {
        SubscriptionConsumer existing = consumers[qos];
        if (existing != null && !existing.queue().isDeleted()) {
            return existing;
        }
        // As RabbitMQ's plugin names them; exclusive, so that they go with the connection.
        String name = "mqtt-subscription-" + clientId + "qos" + qos;
        vhost.declareQueue(name, false, false, false, true, true, Map.of(), this);
        MessageQueue queue = vhost.queue(name, this);
        SubscriptionConsumer consumer = new SubscriptionConsumer(this, queue, qos);
        consumers[qos] = consumer;
        queue.addConsumer(consumer);
        return consumer;
    }

    private void unsubscribe(MqttUnsubscribeMessage unsubscribe) {
        List<Short> codes = new ArrayList<>();
        for (String filter : unsubscribe.payload().topics()) {
            Integer qos = subscriptions.remove(filter);
            SubscriptionConsumer consumer = qos == null ? null : consumers[qos];
            if (consumer != null && !consumer.queue().isDeleted()) {
                vhost.unbind(Destination.queue(consumer.queue().name()), EXCHANGE, TopicMapping.bindingKey(filter),
                        Map.of());
            }
            codes.add((short) (qos == null ? 0x11 : 0x00));
        }
        int packetId = unsubscribe.idAndPropertiesVariableHeader().messageId();
        send(new MqttUnsubAckMessage(fixed(MqttMessageType.UNSUBACK, MqttQoS.AT_MOST_ONCE),
                new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
                level == LEVEL_5 ? new MqttUnsubAckPayload(codes) : null));
    }

    void subscriptionQueueGone(SubscriptionConsumer consumer) {
        // someone deleted the queue (management API): its filters no longer deliver
        consumers[consumer.qos()] = null;
        subscriptions.values().removeIf(qos -> qos == consumer.qos());
    }

    // ---- deliveries out ---------------------------------------------------------------------------------

    boolean canDeliver() {
        return state == State.CONNECTED && inflight.size() < outboundLimit && output.writable();
    }

    void deliver(SubscriptionConsumer consumer, QueueEntry entry) {
        Message message = entry.message();
        String topic = TopicMapping.topic(message.routingKey());
        if (!deliverable(topic)) {
            settle(consumer, entry);
            return;
        }
        core.counters().delivered(entry.redelivered());
        int qos = Math.min(consumer.qos(), publishedQos(message));
        int packetId = 0;
        if (qos == 0) {
            settle(consumer, entry);
        } else {
            packetId = inflight.add(new OutboundInflight.Delivery(consumer.queue(), entry));
        }
        send(new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.valueOf(qos), false, 0),
                new MqttPublishVariableHeader(topic, packetId, MqttProperties.NO_PROPERTIES),
                Unpooled.wrappedBuffer(message.body())));
    }

    /**
     * Whether a message routed here by an AMQP binding may go out as MQTT: its topic must be one a client may
     * receive, and a {@code $} topic only through a filter that does not start with a wildcard.
     */
    private boolean deliverable(String topic) {
        if (!TopicMapping.validTopic(topic)) {
            return false;
        }
        if (!topic.startsWith("$")) {
            return true;
        }
        return subscriptions.keySet().stream().anyMatch(filter -> TopicMapping.matches(filter, topic));
    }

    private static void settle(SubscriptionConsumer consumer, QueueEntry entry) {
        if (!consumer.autoAck() && !consumer.queue().isDeleted()) {
            consumer.queue().settle(entry);
        }
    }

    private void acknowledged(int packetId) {
        OutboundInflight.Delivery delivery = inflight.remove(packetId);
        if (delivery == null) {
            return; // an id not in flight: a late or repeated PUBACK, nothing to settle
        }
        if (!delivery.queue().isDeleted()) {
            delivery.queue().settle(delivery.entry());
            core.counters().acknowledged(1);
            delivery.queue().dispatch();
        }
    }

    /** The socket drained: deliveries held back for it go out again. */
    void resumeDeliveries() {
        for (SubscriptionConsumer consumer : consumers) {
            if (consumer != null && !consumer.queue().isDeleted()) {
                consumer.queue().dispatch();
            }
        }
    }

    /**
     * An AMQP publisher says nothing of MQTT QoS; as in RabbitMQ, a persistent message counts as QoS 1 and a
     * transient one as QoS 0, unless an MQTT publisher left its QoS in the header.
     */
    private static int publishedQos(Message message) {
        Map<String, Object> headers = message.properties().headers();
        Long qos = headers == null ? null : FieldValues.asLong(headers.get(QOS_HEADER));
        if (qos != null) {
            return (int) Math.min(Math.max(qos, 0), 1);
        }
        return message.properties().persistent() ? 1 : 0;
    }

    private static Message toMessage(String topic, int qos, byte[] payload) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(QOS_HEADER, (byte) qos);
        // QoS 0 is transient and QoS 1 and 2 persistent (delivery mode 1 and 2), as RabbitMQ's plugin maps them
        MessageProperties properties = MessageProperties.EMPTY.withDeliveryMode(qos == 0 ? 1 : 2).withHeaders(headers);
        return new Message(EXCHANGE, TopicMapping.routingKey(topic), properties, payload);
    }

    // ---- the end ----------------------------------------------------------------------------------------

    private void disconnect(MqttMessage packet) {
        // 5.0 section 3.14.2.1: reason 0x04 asks for the will to be sent all the same
        boolean withWill = level == LEVEL_5 && packet.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader reason
                && reason.reasonCode() == 0x04;
        end(withWill);
        output.close();
    }

    private void takenOver() {
        LOG.info("{}: client id '{}' taken over by a new connection", this, clientId);
        boolean wasConnected = state == State.CONNECTED;
        end(true);
        if (wasConnected && level == LEVEL_5) {
            output.sendAndClose(disconnectPacket(0x8E));
        } else {
            output.close();
        }
    }

    @Override
    public void closeForced(String reason) {
        boolean wasConnected = state == State.CONNECTED;
        end(true);
        if (wasConnected && level == LEVEL_5) {
            output.sendAndClose(disconnectPacket(0x8B)); // server shutting down
        } else {
            output.close();
        }
    }

    private void protocolError(String detail) {
        closeWithReason(0x82, detail);
    }

    /** Ends the connection: 5.0 clients learn why from a DISCONNECT, 3.1.1 clients see the socket close. */
    private void closeWithReason(int reason, String detail) {
        LOG.info("{}: closing (reason 0x{}): {}", this, Integer.toHexString(reason), detail);
        boolean wasConnected = state == State.CONNECTED;
        end(true);
        if (wasConnected && level == LEVEL_5) {
            output.sendAndClose(disconnectPacket(reason));
        } else {
            output.close();
        }
    }

    private void abort() {
        end(true);
        output.close();
    }

    /** Releases what the connection holds, once; publishes the will if {@code unclean}. */
    private void end(boolean unclean) {
        if (state == State.CLOSED) {
            return;
        }
        boolean wasConnected = state == State.CONNECTED;
        state = State.CLOSED;
        if (!wasConnected) {
            return;
        }
        if (unclean && will != null) {
            publishWill();
        }
        will = null;
        vhost.ownerClosed(this); // the subscription queues are exclusive: they go with the connection
        clientIds.release(clientId, this);
        core.connectionClosed(this);
    }

    private void publishWill() {
        try {
            core.authorize(user, VHOST, Access.WRITE, "exchange", EXCHANGE);
            vhost.exchangeForPublish(EXCHANGE);
            vhost.publish(toMessage(will.topic(), will.qos(), will.payload()));
        } catch (CoreException refused) {
            LOG.info("{}: will not published: {}", this, refused.detail());
        }
    }

    private static MqttMessage disconnectPacket(int reason) {
        return new MqttMessage(fixed(MqttMessageType.DISCONNECT, MqttQoS.AT_MOST_ONCE),
                new MqttReasonCodeAndPropertiesVariableHeader((byte) reason, MqttProperties.NO_PROPERTIES));
    }

    private MqttPubReplyMessageVariableHeader pubReply(int packetId, int reason) {
        return new MqttPubReplyMessageVariableHeader(packetId, level == LEVEL_5 ? (byte) reason : 0,
                MqttProperties.NO_PROPERTIES);
    }

    private void send(MqttMessage message) {
        output.send(message);
    }

    private static MqttFixedHeader fixed(MqttMessageType type, MqttQoS qos) {
        return new MqttFixedHeader(type, false, qos, false, 0);
    }

    // ---- BrokerConnection -------------------------------------------------------------------------------

    @Override
    public String vhost() {
        return VHOST;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public Details details() {
        return new Details(remote.getHostString() + ":" + remote.getPort() + " -> " + local.getHostString() + ":"
                + local.getPort(), level == LEVEL_5 ? "MQTT 5-0" : "MQTT 3-1-1", remote.getHostString(),
                remote.getPort(), local.getHostString(), local.getPort(), 0, openedAtMillis, "running", clientId);
    }

    @Override
    public String toString() {
        return "mqtt " + remote.getHostString() + ":" + remote.getPort() + (clientId == null ? "" : " '" + clientId + "'");
    }
}
