package io.eventyard.broker.amqp.handler;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.eventyard.broker.BrokerConfig;
import io.eventyard.broker.amqp.AmqpException;
import io.eventyard.broker.amqp.ReplyCode;
import io.eventyard.broker.amqp.codec.AmqpCommand;
import io.eventyard.broker.amqp.codec.ChannelMethod;
import io.eventyard.broker.amqp.codec.ConnectionMethod;
import io.eventyard.broker.amqp.codec.Method;
import io.eventyard.broker.core.BrokerConnection;
import io.eventyard.broker.core.BrokerCore;
import io.eventyard.broker.core.CoreException;
import io.eventyard.broker.core.auth.Access;
import io.eventyard.broker.core.auth.TopicPermission;
import io.eventyard.broker.core.auth.User;
import io.eventyard.broker.core.vhost.VirtualHost;

/**
 * One AMQP connection's state machine (AMQP 0-9-1 section 4.2.3 and RabbitMQ's rabbit_reader): the
 * start / tune / open handshake, its channels, and how errors end a channel or the whole connection.
 * Owned by the core thread; the network side only hands it decoded commands.
 */
public final class AmqpConnection implements BrokerConnection {

    private static final Logger LOG = LoggerFactory.getLogger(AmqpConnection.class);
    private static final Duration CLOSE_OK_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration FLOW_MAX_PAUSE = Duration.ofMillis(250);

    private enum State { AWAITING_HEADER, AWAITING_START_OK, AWAITING_TUNE_OK, AWAITING_OPEN, OPEN, CLOSING, CLOSED }

    private final BrokerCore core;
    private final BrokerConfig config;
    private final AmqpOutput output;
    private final InetAddress remoteAddress;
    private final String label;
    private final java.net.InetSocketAddress remote;
    private final java.net.InetSocketAddress local;
    private final long connectedAtMillis;
    private String clientProvidedName;
    private final java.util.Set<String> publishableExchanges = new java.util.HashSet<>();
    private final Map<Integer, AmqpChannel> channels = new HashMap<>();
    private State state = State.AWAITING_HEADER;
    private volatile boolean opened;
    private final ReadGate readGate;
    private boolean publisher;
    private boolean blocked;
    private boolean flowPaused;
    private ClientCapabilities capabilities = ClientCapabilities.NONE;
    private String user;
    private VirtualHost vhost;
    private Map<String, String> topicVariables;
    private int channelMax;

    AmqpConnection(BrokerCore core, BrokerConfig config, AmqpOutput output, java.net.InetSocketAddress remote,
                   java.net.InetSocketAddress local, ReadGate readGate) {
        this.remote = remote;
        this.local = local;
        this.connectedAtMillis = core.clock().millis();
        InetAddress remoteAddress = remote.getAddress();
        String label = remoteAddress.getHostAddress() + ":" + remote.getPort() + " -> "
                + local.getAddress().getHostAddress() + ":" + local.getPort();
        this.readGate = readGate;
        this.core = core;
        this.config = config;
        this.output = output;
        this.remoteAddress = remoteAddress;
        this.label = label;
        this.channelMax = config.channelMax();
    }

    @Override
    public String vhost() {
        return vhost == null ? null : vhost.name();
    }

    VirtualHost virtualHost() {
        return vhost;
    }

    @Override
    public String user() {
        return user;
    }

    io.eventyard.broker.core.Durability durability() {
        return core.durability();
    }

    io.eventyard.broker.core.MessageCounters counters() {
        return core.counters();
    }

    // ---- resource alarms (RabbitMQ's connection.blocked) -------------------------------------------------

    @Override
    public void alarmsChanged(io.eventyard.broker.core.ResourceAlarms.State alarms) {
        if (alarms.blocking()) {
            if (publisher) {
                block(alarms.reason());
            }
        } else if (blocked) {
            unblock();
        }
    }

    /** A channel published: a connection that publishes while an alarm is on is blocked after this message. */
    void published() {
        publisher = true;
        if (!blocked && core.alarmState().blocking()) {
            block(core.alarmState().reason());
        }
    }

    private void block(String reason) {
        if (blocked || state != State.OPEN) {
            return;
        }
        blocked = true;
        LOG.info("{}: blocked: {}", label, reason);
        if (capabilities.connectionBlocked()) {
            send(new AmqpCommand(0, new ConnectionMethod.Blocked(reason), null, null));
        }
        readGate.alarm(true);
    }

    private void unblock() {
        blocked = false;
        LOG.info("{}: unblocked", label);
        if (capabilities.connectionBlocked() && state == State.OPEN) {
            send(new AmqpCommand(0, new ConnectionMethod.Unblocked(), null, null));
        }
        readGate.alarm(false);
    }

    /**
     * A queue this connection published to is not draining: stop reading until it is down to half its
     * threshold, or for {@link #FLOW_MAX_PAUSE} at most, so that a connection that also consumes (and must
     * send its acks) is never stuck.
     */
    void slowDown(io.eventyard.broker.core.queue.MessageQueue congested) {
        if (flowPaused || state != State.OPEN) {
            return;
        }
        flowPaused = true;
        readGate.flow(true);
        Runnable resume = () -> {
            if (flowPaused) {
                flowPaused = false;
                readGate.flow(false);
            }
        };
        congested.whenDrained(resume);
        core.executor().schedule(resume, FLOW_MAX_PAUSE);
    }

    @Override
    public Details details() {
        return new Details(label, "AMQP 0-9-1", remote.getAddress().getHostAddress(), remote.getPort(),
                local.getAddress().getHostAddress(), local.getPort(), channels.size(), connectedAtMillis,
                blocked ? "blocked" : flowPaused ? "flow" : "running", clientProvidedName);
    }

    /** Whether connection.open succeeded: the handshake timeout no longer applies. Any thread. */
    boolean opened() {
        return opened;
    }

    /** Whether deliveries must wait because the client is not reading fast enough. */
    boolean congested() {
        return output.congested();
    }

    /** The client caught up: deliveries held back for it go out again. */
    void resumeDeliveries() {
        if (state == State.OPEN) {
            new ArrayList<>(channels.values()).forEach(AmqpChannel::resumeDeliveries);
        }
    }

    ClientCapabilities capabilities() {
        return capabilities;
    }

    void send(AmqpCommand command) {
        if (state != State.CLOSED) {
            output.send(command);
        }
    }

    /**
     * The write check of basic.publish, remembered per exchange for the connection's life as RabbitMQ's
     * channels remember theirs: a permission revoked later applies to new connections.
     */
    void authorizePublish(String exchange) {
        if (publishableExchanges.contains(exchange)) {
            return;
        }
        authorize(Access.WRITE, "exchange", exchange);
        if (publishableExchanges.size() >= 64) {
            publishableExchanges.clear();
        }
        publishableExchanges.add(exchange);
    }

    /** Refuses what the user may not do; the default exchange is named {@code amq.default} for permissions. */
    void authorize(Access access, String kind, String name) {
        String resource = "exchange".equals(kind) && name.isEmpty() ? "amq.default" : name;
        core.authorize(user, vhost.name(), access, kind, resource);
    }

    /**
     * RabbitMQ's topic authorisation for this connection's user: write on a publish's routing keys, read on a
     * binding key. Only topic exchanges the user has a topic permission for restrict anything.
     */
    void authorizeTopic(String exchange, String routingKey, Access access) {
        if (topicVariables == null) {
            topicVariables = Map.copyOf(TopicPermission.variables(user, vhost.name(), null));
        }
        core.authorizeTopic(user, vhost.name(), exchange, routingKey, access, topicVariables);
    }

    // ---- handshake --------------------------------------------------------------------------------------

    /** The client sent a supported protocol header: open the handshake. */
    void start() {
        state = State.AWAITING_START_OK;
        Map<String, Object> capabilitiesTable = new LinkedHashMap<>();
        capabilitiesTable.put("publisher_confirms", true);
        capabilitiesTable.put("exchange_exchange_bindings", true);
        capabilitiesTable.put("basic.nack", true);
        capabilitiesTable.put("consumer_cancel_notify", true);
        capabilitiesTable.put("connection.blocked", true);
        capabilitiesTable.put("authentication_failure_close", true);
        capabilitiesTable.put("per_consumer_qos", true);
        Map<String, Object> serverProperties = new LinkedHashMap<>();
        serverProperties.put("capabilities", capabilitiesTable);
        serverProperties.put("product", "Eventyard broker");
        serverProperties.put("version", BrokerVersion.VERSION);
        serverProperties.put("platform", "Java " + System.getProperty("java.version"));
        serverProperties.put("information", "AMQP 0-9-1 broker of the Eventyard reference application");
        send(new AmqpCommand(0, new ConnectionMethod.Start(0, 9, serverProperties, SaslCredentials.MECHANISMS,
                "en_US"), null, null));
    }

    void handle(AmqpCommand command) {
        if (state == State.CLOSED) {
            return;
        }
        Method method = command.method();
        try {
            if (command.channel() == 0) {
                handleConnectionMethod(method);
            } else {
                handleChannelCommand(command);
            }
        } catch (AmqpException e) {
            onError(command.channel(), e);
        } catch (CoreException e) {
            onError(command.channel(), CoreErrors.toAmqp(e, method));
        } catch (RuntimeException e) {
            // A bug, not the client's fault: answer it as RabbitMQ answers a crashed channel, and keep serving.
            LOG.error("{}: internal error handling {} on channel {}", label, method.name(), command.channel(), e);
            closeWithError(AmqpException.connectionError(ReplyCode.INTERNAL_ERROR, "internal error handling "
                    + method.name(), method.classId(), method.methodId()));
        }
    }

    private void handleConnectionMethod(Method method) {
        if (state == State.CLOSING) {
            if (method instanceof ConnectionMethod.CloseOk) {
                closeSocket();
            } else if (method instanceof ConnectionMethod.Close) {
                send(new AmqpCommand(0, new ConnectionMethod.CloseOk(), null, null));
            }
            return;
        }
        if (method instanceof ConnectionMethod.StartOk startOk && state == State.AWAITING_START_OK) {
            authenticate(startOk);
        } else if (method instanceof ConnectionMethod.TuneOk tuneOk && state == State.AWAITING_TUNE_OK) {
            tune(tuneOk);
        } else if (method instanceof ConnectionMethod.Open open && state == State.AWAITING_OPEN) {
            open(open);
        } else if (method instanceof ConnectionMethod.Close) {
            send(new AmqpCommand(0, new ConnectionMethod.CloseOk(), null, null));
            closeSocket();
        } else if (method instanceof ConnectionMethod.UpdateSecret && state == State.OPEN) {
            send(new AmqpCommand(0, new ConnectionMethod.UpdateSecretOk(), null, null));
        } else if (method instanceof ConnectionMethod.Blocked || method instanceof ConnectionMethod.Unblocked) {
            // a client may not block the broker; RabbitMQ ignores these too
        } else {
            throw AmqpException.connectionError(ReplyCode.CHANNEL_ERROR,
                    "unexpected method in connection state " + (state == State.OPEN ? "running" : "opening"),
                    method.classId(), method.methodId());
        }
    }

    private void authenticate(ConnectionMethod.StartOk startOk) {
        capabilities = ClientCapabilities.from(startOk.clientProperties());
        clientProvidedName = io.eventyard.broker.core.message.FieldValues.asString(
                startOk.clientProperties().get("connection_name"));
        if (!SaslCredentials.supports(startOk.mechanism())) {
            throw AmqpException.connectionError(ReplyCode.COMMAND_INVALID,
                    "unknown authentication mechanism '" + startOk.mechanism() + "'",
                    startOk.classId(), startOk.methodId());
        }
        Optional<SaslCredentials> credentials = SaslCredentials.parse(startOk.mechanism(), startOk.response());
        User known = credentials.map(c -> core.user(c.user())).orElse(null);
        boolean loopbackRefused = known != null && known.name().equals(config.loopbackOnlyUser())
                && !remoteAddress.isLoopbackAddress();
        if (known == null || !known.passwordMatches(credentials.get().password()) || loopbackRefused) {
            LOG.warn("{}: login refused for user '{}'{}", label, credentials.map(SaslCredentials::user).orElse("?"),
                    loopbackRefused ? " (may connect from loopback only)" : "");
            throw AmqpException.connectionError(ReplyCode.ACCESS_REFUSED, "Login was refused using authentication "
                    + "mechanism " + startOk.mechanism() + ". For details see the broker logfile.",
                    startOk.classId(), startOk.methodId());
        }
        user = known.name();
        state = State.AWAITING_TUNE_OK;
        send(new AmqpCommand(0, new ConnectionMethod.Tune(config.channelMax(), config.frameMax(),
                (int) config.heartbeat().toSeconds()), null, null));
    }

    private void tune(ConnectionMethod.TuneOk tuneOk) {
        if (tuneOk.frameMax() != 0 && tuneOk.frameMax() < 4096) {
            throw AmqpException.connectionError(ReplyCode.NOT_ALLOWED, "frame_max=" + tuneOk.frameMax()
                    + " < 4096 min size", tuneOk.classId(), tuneOk.methodId());
        }
        if (tuneOk.frameMax() > config.frameMax()) {
            throw AmqpException.connectionError(ReplyCode.NOT_ALLOWED, "frame_max=" + tuneOk.frameMax()
                    + " > " + config.frameMax() + " max size", tuneOk.classId(), tuneOk.methodId());
        }
        if (tuneOk.channelMax() > config.channelMax()) {
            throw AmqpException.connectionError(ReplyCode.NOT_ALLOWED, "negotiated channel_max = "
                    + tuneOk.channelMax() + " is higher than the maximum allowed value (" + config.channelMax() + ")",
                    tuneOk.classId(), tuneOk.methodId());
        }
        channelMax = tuneOk.channelMax() == 0 ? config.channelMax() : tuneOk.channelMax();
        state = State.AWAITING_OPEN;
    }

    private void open(ConnectionMethod.Open open) {
        VirtualHost requested = core.virtualHost(open.virtualHost());
        if (requested == null) {
            throw AmqpException.connectionError(ReplyCode.NOT_ALLOWED, "vhost " + open.virtualHost() + " not found",
                    open.classId(), open.methodId());
        }
        if (core.permission(user, requested.name()) == null) {
            throw AmqpException.connectionError(ReplyCode.NOT_ALLOWED, "access to vhost '" + open.virtualHost()
                    + "' refused for user '" + user + "'", open.classId(), open.methodId());
        }
        vhost = requested;
        state = State.OPEN;
        opened = true;
        core.connectionOpened(this);
        send(new AmqpCommand(0, new ConnectionMethod.OpenOk(), null, null));
    }

    // ---- channels ---------------------------------------------------------------------------------------

    private void handleChannelCommand(AmqpCommand command) {
        Method method = command.method();
        if (state != State.OPEN) {
            if (state == State.CLOSING) {
                return; // section 2.2.4: after connection.close, everything but close-ok is discarded
            }
            throw AmqpException.connectionError(ReplyCode.CHANNEL_ERROR, "expected 'connection.open'",
                    method.classId(), method.methodId());
        }
        AmqpChannel channel = channels.get(command.channel());
        if (channel == null) {
            if (!(method instanceof ChannelMethod.Open)) {
                throw AmqpException.connectionError(ReplyCode.CHANNEL_ERROR, "expected 'channel.open'",
                        method.classId(), method.methodId());
            }
            // RabbitMQ 3.10 counts open channels rather than checking the channel number.
            if (channels.size() >= channelMax) {
                throw AmqpException.connectionError(ReplyCode.NOT_ALLOWED, "number of channels opened ("
                        + channels.size() + ") has reached the negotiated channel_max (" + channelMax + ")",
                        method.classId(), method.methodId());
            }
            channels.put(command.channel(), new AmqpChannel(this, command.channel()));
            send(new AmqpCommand(command.channel(), new ChannelMethod.OpenOk(), null, null));
            return;
        }
        channel.handle(command);
    }

    void channelClosed(AmqpChannel channel) {
        channels.remove(channel.id(), channel);
    }

    // ---- errors and closing -----------------------------------------------------------------------------

    /** The frame decoder met bad input. */
    void decodingFailed(AmqpException error, int channel) {
        onError(channel, error);
    }

    private void onError(int channelId, AmqpException error) {
        AmqpChannel channel = channels.get(channelId);
        if (!error.closesConnection() && channel != null && state == State.OPEN) {
            LOG.debug("{}: channel {} closed: {}", label, channelId, error.replyText());
            if (!channel.closing()) {
                channel.closeWithError(error);
            }
            return;
        }
        closeWithError(error);
    }

    private void closeWithError(AmqpException error) {
        if (state == State.CLOSING || state == State.CLOSED) {
            return;
        }
        LOG.info("{}: closing connection: {}", label, error.replyText());
        boolean beforeStartOk = state == State.AWAITING_HEADER || state == State.AWAITING_START_OK;
        releaseChannels();
        if (beforeStartOk && error.replyCode() == ReplyCode.ACCESS_REFUSED && !capabilities.authenticationFailureClose()) {
            closeSocket(); // old clients expect the socket to close on a failed login (RabbitMQ does the same)
            return;
        }
        state = State.CLOSING;
        send(new AmqpCommand(0, new ConnectionMethod.Close(error.replyCode(), error.replyText(),
                error.classId(), error.methodId()), null, null));
        core.executor().schedule(() -> {
            if (state == State.CLOSING) {
                closeSocket();
            }
        }, CLOSE_OK_TIMEOUT);
    }

    @Override
    public void closeForced(String reason) {
        closeWithError(AmqpException.connectionError(ReplyCode.CONNECTION_FORCED, reason, 0, 0));
    }

    private void closeSocket() {
        releaseChannels();
        state = State.CLOSED;
        output.closeAfterPending();
    }

    /** The socket is gone (closed by either side, or a missed heartbeat): give everything back. */
    void socketClosed() {
        releaseChannels();
        state = State.CLOSED;
    }

    private void releaseChannels() {
        List<AmqpChannel> closing = new ArrayList<>(channels.values());
        channels.clear();
        closing.forEach(AmqpChannel::detachConsumers);
        closing.forEach(AmqpChannel::requeueUnacked);
        if (vhost != null) {
            vhost.ownerClosed(this);
            core.connectionClosed(this);
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
