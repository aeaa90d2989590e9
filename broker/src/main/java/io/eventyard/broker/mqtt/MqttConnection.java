package io.eventyard.broker.mqtt;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.eventyard.broker.BrokerConfig;
import io.eventyard.broker.core.BrokerConnection;
import io.eventyard.broker.core.BrokerCore;
import io.eventyard.broker.core.CoreException;
import io.eventyard.broker.core.auth.Access;
import io.eventyard.broker.core.auth.TopicPermission;
import io.eventyard.broker.core.auth.User;
import io.eventyard.broker.core.message.Message;
import io.eventyard.broker.core.vhost.PublishResult;
import io.eventyard.broker.core.vhost.VirtualHost;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
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
 * One MQTT network connection as the core sees it: the CONNECT handshake, publishing into {@code amq.topic},
 * the packets of its {@link MqttSession}, and the end of the connection (will or not). Every method runs on
 * the core thread; packets arrive from {@link MqttChannelHandler} and leave through {@link MqttOutput}.
 */
final class MqttConnection implements BrokerConnection {

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);

    /** MQTT has no vhost in CONNECT; RabbitMQ's plugin uses its default vhost, and so does this broker for now. */
    static final String VHOST = "/";
    static final String EXCHANGE = MqttSession.EXCHANGE;

    static final int LEVEL_3_1_1 = 4;
    static final int LEVEL_5 = 5;

    private enum State { AWAITING_CONNECT, CONNECTED, CLOSED }

    private final BrokerCore core;
    private final BrokerConfig config;
    private final MqttLimits limits;
    private final SessionRegistry sessions;
    private final RetainedMessages retained;
    private final MqttOutput output;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final long openedAtMillis = System.currentTimeMillis();
    private State state = State.AWAITING_CONNECT;
    private int level;
    private String clientId;
    private String user;
    private Will will;
    private VirtualHost vhost;
    private MqttSession session;
    private TopicAliases aliases;
    private int outboundLimit;
    /** The client's Maximum Packet Size: larger PUBLISH packets are not sent to it. */
    private long clientMaxPacketSize = Long.MAX_VALUE;
    /** QoS 1 PUBLISH packets received whose PUBACK has not gone out yet (receive maximum). */
    private int inboundQos1Pending;
    /** Whether this connection ever published: only publishers are blocked by a resource alarm. */
    private boolean publisher;
    private boolean alarmBlocked;
    /** The highest sync ticket a PUBACK so far waited for: acks wait on it too, so they leave in order. */
    private long lastAckTicket;

    MqttConnection(BrokerCore core, BrokerConfig config, MqttLimits limits, SessionRegistry sessions,
                   RetainedMessages retained, MqttOutput output, InetSocketAddress remote, InetSocketAddress local) {
        this.core = core;
        this.config = config;
        this.limits = limits;
        this.sessions = sessions;
        this.retained = retained;
        this.output = output;
        this.remote = remote;
        this.local = local;
        this.outboundLimit = limits.maxOutboundInflight();
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
            case PUBACK -> session.acknowledged(packetId(packet));
            case PUBREC -> pubRec(packetId(packet), reasonCode(packet));
            case PUBREL -> pubRel(packetId(packet));
            case PUBCOMP -> session.completed(packetId(packet));
            case PINGREQ -> send(new MqttMessage(fixed(MqttMessageType.PINGRESP, MqttQoS.AT_MOST_ONCE)));
            case DISCONNECT -> disconnect(packet);
            case AUTH -> closeWithReason(0x8C, "enhanced authentication is not offered"); // bad auth method
            default -> protocolError("unexpected " + type);
        }
    }

    void publish(InboundPublish publish) {
        if (state != State.CONNECTED) {
            abort();
            return;
        }
        String topic = publish.topic();
        if (level == LEVEL_5) {
            MqttProperties.MqttProperty<?> alias = publish.properties().getProperty(MqttPropertyType.TOPIC_ALIAS.value());
            TopicAliases.Resolved resolved = aliases.resolve(topic, alias == null ? 0 : (Integer) alias.value());
            if (resolved.topic() == null) {
                closeWithReason(resolved.reason(), "topic alias " + alias.value() + " is not usable");
                return;
            }
            topic = resolved.topic();
        }
        if (!TopicMapping.validTopic(topic)) {
            closeWithReason(0x90, "invalid topic name '" + topic + "'");
            return;
        }
        int qos = publish.qos();
        int packetId = publish.packetId();
        if (qos == 2 && session.inboundQos2().contains(packetId)) {
            // MQTT 5.0 section 4.3.3: a re-sent QoS 2 PUBLISH still awaiting its PUBREL is not delivered again
            sendPubReply(MqttMessageType.PUBREC, packetId, 0x00);
            return;
        }
        if (level == LEVEL_5 && qos > 0 && inboundQos1Pending + session.inboundQos2().size() >= limits.receiveMaximum()) {
            closeWithReason(0x93, "more than " + limits.receiveMaximum() + " QoS 1 and 2 publishes unacknowledged");
            return;
        }
        publisher = true;
        if (!alarmBlocked && core.alarmState().blocking()) {
            blockForAlarm(core.alarmState().reason());
        }
        Message message = new Message(EXCHANGE, TopicMapping.routingKey(topic), PropertyMapping.toCore(qos,
                publish.properties(), publish.retain(), session.hasNoLocalSubscription() ? clientId : null),
                publish.payload());
        Routed routed;
        try {
            routed = route(topic, message, publish.retain());
        } catch (CoreException refused) {
            if (qos > 0 && level == LEVEL_5) {
                // 5.0 lets the broker refuse one message and keep the connection (section 3.4.2.1)
                sendPubReply(qos == 1 ? MqttMessageType.PUBACK : MqttMessageType.PUBREC, packetId, 0x87);
                return;
            }
            closeWithReason(0x87, refused.detail());
            return;
        }
        if (qos == 0) {
            return;
        }
        // The ack goes out once the message is where the broker keeps it: on disk for a persistent message in
        // a durable queue or retained, at once otherwise. Waiting on the highest ticket so far keeps acks in
        // PUBLISH order.
        lastAckTicket = Math.max(lastAckTicket, routed.syncTicket());
        int reason = routed.retainRefused() || routed.result().rejected() ? 0x97
                : routed.result().routedQueues() == 0 ? 0x10 : 0x00;
        if (qos == 1) {
            inboundQos1Pending++;
        } else {
            session.inboundQos2().add(packetId);
        }
        core.durability().whenDurable(lastAckTicket, () -> {
            if (qos == 1) {
                inboundQos1Pending--;
            }
            if (state == State.CONNECTED) {
                sendPubReply(qos == 1 ? MqttMessageType.PUBACK : MqttMessageType.PUBREC, packetId, reason);
            }
        });
    }

    /** What publishing one message did: routed to queues, and retained or refused retention. */
    private record Routed(PublishResult result, boolean retainRefused, long syncTicket) {
    }

    /** Publishes into {@code amq.topic} and, for a RETAIN publish, into the retained messages. */
    private Routed route(String topic, Message message, boolean retain) {
        core.authorize(user, VHOST, Access.WRITE, "exchange", EXCHANGE);
        vhost.exchangeForPublish(EXCHANGE);
        core.authorizeTopic(user, VHOST, EXCHANGE, message.routingKey(), Access.WRITE, topicVariables());
        PublishResult result = vhost.publish(message);
        if (!retain) {
            return new Routed(result, false, result.syncTicket());
        }
        RetainedMessages.Outcome outcome = retained.retain(VHOST, topic, message);
        if (outcome.refused()) {
            LOG.info("{}: retained message on '{}' refused: {} topics retained already", this, topic,
                    retained.maxRetained());
        }
        return new Routed(result, outcome.refused(), Math.max(result.syncTicket(), outcome.syncTicket()));
    }

    private void pubRel(int packetId) {
        boolean known = session.inboundQos2().remove(packetId);
        sendPubReply(MqttMessageType.PUBCOMP, packetId, known ? 0x00 : 0x92); // 0x92: packet identifier not found
    }

    private void pubRec(int packetId, int reason) {
        if (session.received(packetId, reason)) {
            if (reason < 0x80) {
                sendPubRel(packetId, 0x00);
            }
        } else if (reason < 0x80) {
            sendPubRel(packetId, 0x92);
        }
    }

    // ---- resource alarms: as RabbitMQ's MQTT plugin, a publisher's socket is not read while one is on --------

    @Override
    public void alarmsChanged(io.eventyard.broker.core.ResourceAlarms.State alarms) {
        if (alarms.blocking()) {
            if (publisher && !alarmBlocked) {
                blockForAlarm(alarms.reason());
            }
        } else if (alarmBlocked) {
            alarmBlocked = false;
            LOG.info("{}: unblocked", this);
            output.blockReading(false);
        }
    }

    private void blockForAlarm(String reason) {
        if (state != State.CONNECTED) {
            return;
        }
        alarmBlocked = true;
        LOG.info("{}: blocked: {}", this, reason);
        output.blockReading(true);
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
                output.sendAndClose(MqttPackets.connAck(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION,
                        false, MqttProperties.NO_PROPERTIES));
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
        if (state == State.CLOSED || alarmBlocked) {
            return; // while an alarm blocks it, the broker is not reading what the client sends
        }
        LOG.info("{}: no packet within 1.5 times the keep alive, closing", this);
        closeWithReason(0x8D, "keep alive timeout");
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
        boolean cleanStart = connect.variableHeader().isCleanSession();
        String requestedId = connect.payload().clientIdentifier();
        boolean assigned = false;
        if (requestedId == null || requestedId.isEmpty()) {
            if (level == LEVEL_3_1_1 && !cleanStart) {
                // MQTT 3.1.1 section 3.1.3.1: an empty client id needs a clean session
                refuse(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED, "empty client id needs a clean session");
                return;
            }
            requestedId = "auto-" + UUID.randomUUID();
            assigned = true;
        }
        clientId = requestedId;
        if (!authenticate(connect)) {
            return;
        }
        vhost = core.virtualHost(VHOST);
        if (vhost == null) {
            refuse(level == LEVEL_5 ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5
                    : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE, "no vhost '" + VHOST + "'");
            return;
        }
        MqttProperties properties = connect.variableHeader().properties();
        if (connect.variableHeader().isWillFlag()) {
            String willTopic = connect.payload().willTopic();
            if (!TopicMapping.validTopic(willTopic)) {
                refuse(level == LEVEL_5 ? MqttConnectReturnCode.CONNECTION_REFUSED_TOPIC_NAME_INVALID
                        : MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, "bad will topic");
                return;
            }
            MqttProperties willProperties = level == LEVEL_5 ? connect.payload().willProperties() : MqttProperties.NO_PROPERTIES;
            will = new Will(willTopic, connect.variableHeader().willQos(), connect.payload().willMessageInBytes(),
                    connect.variableHeader().isWillRetain(), willProperties,
                    unsigned(willProperties, MqttPropertyType.WILL_DELAY_INTERVAL, 0));
        }
        long requestedExpiry;
        if (level == LEVEL_5) {
            requestedExpiry = unsigned(properties, MqttPropertyType.SESSION_EXPIRY_INTERVAL, 0);
            int receiveMaximum = (int) unsigned(properties, MqttPropertyType.RECEIVE_MAXIMUM, 65_535);
            outboundLimit = Math.min(receiveMaximum, limits.maxOutboundInflight());
            clientMaxPacketSize = unsigned(properties, MqttPropertyType.MAXIMUM_PACKET_SIZE, Long.MAX_VALUE);
            aliases = new TopicAliases(limits.topicAliasMaximum(),
                    (int) unsigned(properties, MqttPropertyType.TOPIC_ALIAS_MAXIMUM, 0));
        } else {
            // 3.1.1: clean session 0 asks for a session that outlives the connection, as long as the broker allows
            requestedExpiry = cleanStart ? 0 : limits.maxSessionExpirySeconds();
        }
        long grantedExpiry = Math.min(requestedExpiry, limits.maxSessionExpirySeconds());

        MqttSession existing = sessions.get(clientId);
        MqttConnection previous = existing == null ? null : existing.connection();
        if (previous != null && previous != this) {
            previous.takenOver();
        }
        MqttSession.Resumed resumed = MqttSession.open(clientId, cleanStart, grantedExpiry, core, vhost, limits, sessions);
        session = resumed.session();
        state = State.CONNECTED;
        core.connectionOpened(this);
        int requestedKeepAlive = connect.variableHeader().keepAliveTimeSeconds();
        output.send(MqttPackets.connAck(MqttConnectReturnCode.CONNECTION_ACCEPTED, resumed.present(),
                connAckProperties(assigned, requestedExpiry, grantedExpiry, requestedKeepAlive)));
        session.attach(this);
        LOG.debug("{}: connected as '{}' (MQTT {}, session {})", this, user, level == LEVEL_5 ? "5.0" : "3.1.1",
                resumed.present() ? "resumed" : "new");
    }

    /** Whether the user may connect; otherwise the connection has been refused. */
    private boolean authenticate(MqttConnectMessage connect) {
        String name = connect.payload().userName();
        byte[] password = connect.payload().passwordInBytes();
        if (name == null) {
            refuse(notAuthorized(), "no username (anonymous access is off)");
            return false;
        }
        User known = core.user(name);
        boolean loopbackRefused = known != null && name.equals(config.loopbackOnlyUser())
                && !remote.getAddress().isLoopbackAddress();
        if (known == null || password == null || loopbackRefused
                || !known.passwordMatches(new String(password, StandardCharsets.UTF_8))) {
            refuse(level == LEVEL_5 ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                    : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD, "login refused for '" + name + "'");
            return false;
        }
        if (core.permission(name, VHOST) == null) {
            refuse(notAuthorized(), "user '" + name + "' has no access to vhost '" + VHOST + "'");
            return false;
        }
        user = name;
        return true;
    }

    private MqttConnectReturnCode notAuthorized() {
        return level == LEVEL_5 ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
                : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
    }

    private MqttProperties connAckProperties(boolean assignedId, long requestedExpiry, long grantedExpiry,
                                             int requestedKeepAlive) {
        if (level != LEVEL_5) {
            return MqttProperties.NO_PROPERTIES;
        }
        MqttProperties properties = new MqttProperties();
        if (assignedId) {
            properties.add(new MqttProperties.StringProperty(
                    MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value(), clientId));
        }
        if (grantedExpiry != requestedExpiry) {
            properties.add(new MqttProperties.IntegerProperty(
                    MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), (int) grantedExpiry));
        }
        int keepAlive = limits.keepAliveFor(requestedKeepAlive, true);
        if (keepAlive != requestedKeepAlive) {
            properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.SERVER_KEEP_ALIVE.value(), keepAlive));
        }
        properties.add(new MqttProperties.IntegerProperty(
                MqttPropertyType.RECEIVE_MAXIMUM.value(), limits.receiveMaximum()));
        properties.add(new MqttProperties.IntegerProperty(
                MqttPropertyType.MAXIMUM_PACKET_SIZE.value(), config.mqttMaxPacketSize()));
        properties.add(new MqttProperties.IntegerProperty(
                MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(), limits.topicAliasMaximum()));
        return properties;
    }

    private void refuse(MqttConnectReturnCode code, String why) {
        LOG.info("{}: CONNECT refused ({}){}", this, code, why == null ? "" : ": " + why);
        output.sendAndClose(MqttPackets.connAck(code, false,
                level == LEVEL_5 && why != null ? MqttPackets.reasonString(why) : MqttProperties.NO_PROPERTIES));
        state = State.CLOSED;
    }

    // ---- SUBSCRIBE / UNSUBSCRIBE ------------------------------------------------------------------------

    private void subscribe(MqttSubscribeMessage subscribe) {
        MqttProperties properties = subscribe.idAndPropertiesVariableHeader().properties();
        int identifier = 0;
        if (level == LEVEL_5) {
            MqttProperties.MqttProperty<?> id = properties.getProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value());
            if (id != null) {
                identifier = (Integer) id.value();
                if (identifier <= 0) {
                    protocolError("subscription identifier 0");
                    return;
                }
            }
        }
        List<Integer> codes = new ArrayList<>();
        List<Runnable> retainedDeliveries = new ArrayList<>();
        for (MqttTopicSubscription requested : subscribe.payload().topicSubscriptions()) {
            SubscribeRequest request = SubscribeRequest.parse(requested, level == LEVEL_5, identifier);
            if (request.protocolError() != null) {
                protocolError(request.protocolError());
                return;
            }
            codes.add(subscribe(request, retainedDeliveries));
        }
        int packetId = subscribe.idAndPropertiesVariableHeader().messageId();
        send(new MqttSubAckMessage(fixed(MqttMessageType.SUBACK, MqttQoS.AT_MOST_ONCE),
                new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
                new MqttSubAckPayload(codes)));
        // MQTT 5.0 section 3.8.4: retained messages follow the SUBACK
        retainedDeliveries.forEach(Runnable::run);
        session.dispatch();
    }

    /** Subscribes one filter; returns its SUBACK code (the granted QoS, or a failure code). */
    private int subscribe(SubscribeRequest request, List<Runnable> retainedDeliveries) {
        if (request.failure() != 0) {
            return level == LEVEL_5 ? request.failure() : 0x80;
        }
        Subscription subscription = request.subscription();
        try {
            core.authorize(user, VHOST, Access.READ, "exchange", EXCHANGE);
            core.authorizeTopic(user, VHOST, EXCHANGE, TopicMapping.bindingKey(subscription.filter()), Access.READ,
                    topicVariables());
            boolean existed = session.subscribe(subscription);
            if (!subscription.shared() && (subscription.retainHandling() == 0
                    || subscription.retainHandling() == 1 && !existed)) {
                retainedDeliveries.add(() -> session.deliverRetained(retainedFor(subscription.filter())));
            }
            return subscription.qos();
        } catch (CoreException refused) {
            LOG.info("{}: subscription to '{}' refused: {}", this, subscription.key(), refused.detail());
            return level == LEVEL_5 ? 0x87 : 0x80;
        }
    }

    /** The retained messages a new subscription to {@code filter} receives. */
    private List<Message> retainedFor(String filter) {
        long now = vhost.nowMillis();
        List<Message> messages = new ArrayList<>();
        for (Retained kept : retained.matching(VHOST, filter)) {
            long left = kept.remainingMillis(now);
            if (left == 0) {
                continue;
            }
            Message message = kept.message();
            // what is left of its expiry, not the whole of it again (MQTT 5.0 section 3.3.2.3.3)
            messages.add(left < 0 ? message
                    : message.withProperties(message.properties().withExpiration(Long.toString(left))));
        }
        return messages;
    }

    private void unsubscribe(MqttUnsubscribeMessage unsubscribe) {
        List<Short> codes = new ArrayList<>();
        for (String filter : unsubscribe.payload().topics()) {
            codes.add((short) (session.unsubscribe(filter) ? 0x00 : 0x11));
        }
        int packetId = unsubscribe.idAndPropertiesVariableHeader().messageId();
        send(new MqttUnsubAckMessage(fixed(MqttMessageType.UNSUBACK, MqttQoS.AT_MOST_ONCE),
                new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
                level == LEVEL_5 ? new MqttUnsubAckPayload(codes) : null));
    }

    // ---- deliveries out ---------------------------------------------------------------------------------

    boolean canDeliver(int inflight) {
        return state == State.CONNECTED && inflight < outboundLimit && output.writable();
    }

    /**
     * Sends a PUBLISH of {@code message}; false when it is larger than the client accepts (MQTT 5.0 section
     * 3.1.2.11.4: the broker then discards it as if it had been sent).
     */
    boolean sendPublish(Message message, int qos, int packetId, boolean dup, boolean retain, long expiresAtMillis,
                        List<Integer> subscriptionIds) {
        String topic = TopicMapping.topic(message.routingKey());
        MqttProperties properties = MqttProperties.NO_PROPERTIES;
        if (level == LEVEL_5) {
            OutgoingProperties out = new OutgoingProperties();
            PropertyMapping.toMqtt(message.properties(), expiresAtMillis, vhost.nowMillis(), out);
            for (int id : subscriptionIds) {
                out.integer(MqttPropertyType.SUBSCRIPTION_IDENTIFIER, id, 0);
            }
            int aliasAllowance = 3; // a topic alias property, should one be added below
            if (OutgoingProperties.publishSize(topic, qos, out.encodedLength() + aliasAllowance,
                    message.bodySize()) > clientMaxPacketSize) {
                LOG.debug("{}: PUBLISH to '{}' larger than the client's maximum packet size, not sent", this, topic);
                return false;
            }
            int alias = aliases.outbound(topic);
            if (alias != 0) {
                out.integer(MqttPropertyType.TOPIC_ALIAS, Math.abs(alias), 2);
                if (alias > 0) {
                    topic = ""; // the client knows this alias: the topic itself is left out
                }
            }
            properties = out.build();
        }
        send(new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(qos), retain, 0),
                new MqttPublishVariableHeader(topic, packetId, properties), Unpooled.wrappedBuffer(message.body())));
        return true;
    }

    void sendPubRel(int packetId, int reason) {
        MqttFixedHeader header = new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 0);
        send(new MqttMessage(header, pubReply(packetId, reason)));
    }

    private void sendPubReply(MqttMessageType type, int packetId, int reason) {
        send(new MqttMessage(fixed(type, MqttQoS.AT_MOST_ONCE), pubReply(packetId, reason)));
    }

    /** The socket drained: deliveries held back for it go out again. */
    void resumeDeliveries() {
        if (state == State.CONNECTED) {
            session.dispatch();
        }
    }

    // ---- the end ----------------------------------------------------------------------------------------

    private void disconnect(MqttMessage packet) {
        boolean withWill = false;
        if (level == LEVEL_5 && packet.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader reason) {
            // 5.0 section 3.14.2.1: reason 0x04 asks for the will to be sent all the same
            withWill = reason.reasonCode() == 0x04;
            MqttProperties.MqttProperty<?> expiry =
                    reason.properties().getProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value());
            if (expiry != null) {
                long seconds = Integer.toUnsignedLong((Integer) expiry.value());
                if (!session.persistent() && seconds > 0) {
                    // 5.0 section 3.14.2.2.2: a session that had no expiry cannot be given one at DISCONNECT
                    protocolError("session expiry set at DISCONNECT after 0 at CONNECT");
                    return;
                }
                session.expirySeconds(Math.min(seconds, limits.maxSessionExpirySeconds()));
            }
        }
        end(withWill);
        output.close();
    }

    private void takenOver() {
        LOG.info("{}: client id '{}' taken over by a new connection", this, clientId);
        closeWithReason(0x8E, "session taken over");
    }

    @Override
    public void closeForced(String reason) {
        closeWithReason(0x8B, reason); // server shutting down
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
            output.sendAndClose(MqttPackets.disconnect(reason, detail));
        } else {
            output.close();
        }
    }

    private void abort() {
        end(true);
        output.close();
    }

    /** Releases what the connection holds, once; the will goes out (perhaps later) if {@code unclean}. */
    private void end(boolean unclean) {
        if (state == State.CLOSED) {
            return;
        }
        boolean wasConnected = state == State.CONNECTED;
        state = State.CLOSED;
        if (!wasConnected) {
            return;
        }
        Will leftWill = unclean ? will : null;
        will = null;
        session.detach(this, leftWill == null ? null : () -> publishWill(leftWill),
                leftWill == null ? 0 : leftWill.delaySeconds());
        core.connectionClosed(this);
    }

    private void publishWill(Will leftWill) {
        try {
            route(leftWill.topic(), new Message(EXCHANGE, TopicMapping.routingKey(leftWill.topic()),
                    PropertyMapping.toCore(leftWill.qos(), leftWill.properties(), leftWill.retain(), null),
                    leftWill.payload()), leftWill.retain());
        } catch (CoreException refused) {
            LOG.info("{}: will not published: {}", this, refused.detail());
        }
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

    private static int packetId(MqttMessage packet) {
        return ((MqttMessageIdVariableHeader) packet.variableHeader()).messageId();
    }

    private static int reasonCode(MqttMessage packet) {
        return packet.variableHeader() instanceof MqttPubReplyMessageVariableHeader reply ? reply.reasonCode() & 0xFF : 0;
    }

    /** What {@code {username}}, {@code {vhost}} and {@code {client_id}} stand for in topic permissions. */
    private java.util.Map<String, String> topicVariables() {
        return TopicPermission.variables(user, VHOST, clientId);
    }

    /** An unsigned integer property, or {@code absent}. */
    private static long unsigned(MqttProperties properties, MqttPropertyType type, long absent) {
        MqttProperties.MqttProperty<?> property = properties.getProperty(type.value());
        return property == null ? absent : Integer.toUnsignedLong((Integer) property.value());
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
                remote.getPort(), local.getHostString(), local.getPort(), 0, openedAtMillis,
                alarmBlocked ? "blocked" : "running", clientId);
    }

    @Override
    public String toString() {
        return "mqtt " + remote.getHostString() + ":" + remote.getPort() + (clientId == null ? "" : " '" + clientId + "'");
    }
}
