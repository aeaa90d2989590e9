package io.eventyard.broker;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.eventyard.broker.amqp.AmqpServer;
import io.eventyard.broker.core.BrokerCore;
import io.eventyard.broker.core.CoreException;
import io.eventyard.broker.core.CoreExecutor;
import io.eventyard.broker.core.Durability;
import io.eventyard.broker.core.ResourceAlarms;
import io.eventyard.broker.core.auth.Access;
import io.eventyard.broker.core.auth.TopicPermission;
import io.eventyard.broker.core.message.Message;
import io.eventyard.broker.core.queue.DeathHistory;
import io.eventyard.broker.core.vhost.PublishResult;
import io.eventyard.broker.core.vhost.VirtualHost;
import io.eventyard.broker.mqtt.MqttPipeline;
import io.eventyard.broker.mqtt.MqttServer;
import io.eventyard.broker.mqtt.RetainedMessages;
import io.eventyard.broker.mqtt.MqttWebSocketServer;
import io.eventyard.broker.core.auth.Permission;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

/**
 * The embeddable broker. {@code Broker.start(BrokerConfig.forTests(dir))} starts it in-process on free
 * ports; {@link #amqpPort()}, {@link #mqttPort()} and {@link #mqttWebSocketPort()} tell which. No framework
 * is needed around it.
 */
public final class Broker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);

    private final BrokerConfig config;
    private final CoreExecutor executor;
    private final BrokerCore core;
    private final BrokerStorage storage;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final AmqpServer amqp;
    private final MqttServer mqtt;
    private final RetainedMessages retained;
    /** Null when {@link BrokerConfig#mqttWebSocketPort()} is negative. */
    private final MqttWebSocketServer mqttWebSocket;
    private final BrokerAdmin admin;

    private Broker(BrokerConfig config, CoreExecutor executor, BrokerCore core, BrokerStorage storage,
                   EventLoopGroup boss, EventLoopGroup workers, AmqpServer amqp, MqttServer mqtt,
                   RetainedMessages retained, MqttWebSocketServer mqttWebSocket) {
        this.config = config;
        this.executor = executor;
        this.core = core;
        this.storage = storage;
        this.boss = boss;
        this.workers = workers;
        this.amqp = amqp;
        this.mqtt = mqtt;
        this.retained = retained;
        this.mqttWebSocket = mqttWebSocket;
        this.admin = new CoreAdmin(core);
    }

    public static Broker start(BrokerConfig config) throws IOException {
        CoreExecutor executor = new CoreExecutor();
        BrokerStorage storage = null;
        EventLoopGroup boss = null;
        EventLoopGroup workers = null;
        try {
            Durability durability = new Durability(executor);
            storage = config.dataDir() == null ? BrokerStorage.inMemory()
                    : BrokerStorage.open(config.dataDir(), durability, config.pageOutBytes());
            BrokerCore core = new BrokerCore(executor, storage.definitions(), Clock.systemUTC(),
                    storage.queueStores(), durability);
            BrokerStorage restoring = storage;
            RetainedMessages retained = executor.call(() -> {
                restoring.restoreInto(core);
                createDefaultsOnFirstStart(core, config);
                // before the orphans go: the retained messages' logs of existing vhosts are opened (and kept) here
                RetainedMessages messages = new RetainedMessages(restoring.queueStores(),
                        core.virtualHosts().stream().map(VirtualHost::name).toList(), config.mqttMaxRetained(),
                        core.clock());
                restoring.deleteOrphans();
                core.startAlarms(new ResourceAlarms.Limits(config.memoryHighWatermark(), config.dataDir(),
                        config.diskFreeLimit()));
                return messages;
            });
            boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
            AmqpServer amqp = AmqpServer.bind(config, core, boss, workers);
            LOG.info("AMQP 0-9-1 listening on {}:{}{}", config.host(), amqp.port(),
                    config.dataDir() == null ? " (in memory)" : " (data in " + config.dataDir() + ")");
            // MQTT shares the event loops: both protocols only frame there, the core thread does the rest.
            // Both MQTT listeners end in the same pipeline tail, which holds the one registry of client ids.
            MqttPipeline mqttPipeline = MqttPipeline.create(core, config, retained);
            MqttServer mqtt = MqttServer.bind(mqttPipeline, boss, workers);
            LOG.info("MQTT 3.1.1/5.0 listening on {}:{}", config.host(), mqtt.port());
            MqttWebSocketServer mqttWebSocket = null;
            if (config.mqttWebSocketPort() >= 0) {
                mqttWebSocket = MqttWebSocketServer.bind(mqttPipeline, boss, workers);
                LOG.info("MQTT over WebSocket listening on ws://{}:{}{}", config.host(), mqttWebSocket.port(),
                        config.mqttWebSocketPath());
            }
            return new Broker(config, executor, core, storage, boss, workers, amqp, mqtt, retained, mqttWebSocket);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown(executor, storage, boss, workers);
            throw new IOException("interrupted while binding", e);
        } catch (Exception e) {
            // Netty's bind throws a checked BindException through sync(): everything started must stop.
            shutdown(executor, storage, boss, workers);
            throw e instanceof IOException io ? io : new IOException("broker failed to start: " + e.getMessage(), e);
        }
    }

    // RabbitMQ creates the vhost "/" and the user guest, with every permission on "/", on its first start.
    private static void createDefaultsOnFirstStart(BrokerCore core, BrokerConfig config) {
        if (core.hasUsers() || !core.virtualHosts().isEmpty()) {
            return;
        }
        core.addVirtualHost("/");
        core.putUser(config.defaultUser(), config.defaultPassword(), List.of("administrator"));
        core.setPermission(new Permission(config.defaultUser(), "/", ".*", ".*", ".*"));
    }

    public BrokerConfig config() {
        return config;
    }

    /** The AMQP port actually bound (useful when the configuration asked for port 0). */
    public int amqpPort() {
        return amqp.port();
    }

    /** The MQTT port actually bound (useful when the configuration asked for port 0). */
    public int mqttPort() {
        return mqtt.port();
    }

    /** The retained MQTT messages. Core thread only: {@code broker.core().executor().call(() -> ...)}. */
    public RetainedMessages retainedMessages() {
        return retained;
    }

    /**
     * The MQTT over WebSocket port actually bound (useful when the configuration asked for port 0), or -1
     * when the configuration disabled that listener.
     */
    public int mqttWebSocketPort() {
        return mqttWebSocket == null ? -1 : mqttWebSocket.port();
    }

    /** Virtual hosts, users and permissions. */
    public BrokerAdmin admin() {
        return admin;
    }

    /**
     * The broker's state, for read-only views (management API, metrics). Touch it on the core thread only:
     * {@code broker.core().executor().call(() -> ...)}.
     */
    public BrokerCore core() {
        return core;
    }

    /**
     * Whether {@code user} exists and {@code password} is theirs (for HTTP basic auth and the like). Waits for
     * the core thread: call it from a worker thread, never from an event loop.
     */
    public boolean authenticate(String user, String password) {
        return executor.call(() -> {
            io.eventyard.broker.core.auth.User known = core.user(user);
            return known != null && known.passwordMatches(password);
        });
    }

    /**
     * Publishes {@code message} as {@code user} would over AMQP with publisher confirms, for clients that
     * cannot hold a connection (stateless HTTP publishing). Completes with the outcome once the broker has
     * confirmed it; fails with a {@link io.eventyard.broker.core.CoreException} when the vhost or exchange
     * does not exist or the user may not write to the exchange. The future completes on a pool thread, never
     * on the core thread, so that what the caller chains to it cannot stall the broker.
     */
    public CompletableFuture<PublishOutcome> publish(String vhost, String user, Message message) {
        CompletableFuture<PublishOutcome> outcome = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                VirtualHost target = core.virtualHost(vhost);
                if (target == null) {
                    throw CoreException.notFound("no vhost '" + vhost + "'");
                }
                String resource = message.exchange().isEmpty() ? "amq.default" : message.exchange();
                core.authorize(user, vhost, Access.WRITE, "exchange", resource);
                target.exchangeForPublish(message.exchange());
                authorizeTopics(vhost, user, message);
                PublishResult result = target.publish(message);
                PublishOutcome answer = new PublishOutcome(result.routedQueues() > 0, result.rejected());
                core.durability().whenDurable(result.syncTicket(), () -> outcome.complete(answer));
            } catch (RuntimeException e) {
                outcome.completeExceptionally(e);
            }
        });
        return outcome.thenApplyAsync(answer -> answer); // the caller's stages run off the core thread
    }

    // The topic permission check of an AMQP basic.publish, on every key the message is routed by.
    private void authorizeTopics(String vhost, String user, Message message) {
        Map<String, String> variables = TopicPermission.variables(user, vhost, null);
        core.authorizeTopic(user, vhost, message.exchange(), message.routingKey(), Access.WRITE, variables);
        for (String cc : DeathHistory.ccKeys(message.properties().headers())) {
            core.authorizeTopic(user, vhost, message.exchange(), cc, Access.WRITE, variables);
        }
    }

    /** Stops listening, closes every connection and waits for the core to finish. */
    @Override
    public void close() {
        amqp.close();
        mqtt.close();
        if (mqttWebSocket != null) {
            mqttWebSocket.close();
        }
        executor.call(() -> {
            core.stopAlarms();
            core.closeAllConnections("broker shutdown");
            return null;
        });
        shutdown(executor, storage, boss, workers);
        LOG.info("broker stopped");
    }

    private static void shutdown(CoreExecutor executor, BrokerStorage storage, EventLoopGroup boss,
                                 EventLoopGroup workers) {
        if (workers != null) {
            workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
        executor.close();
        if (storage != null) {
            storage.close();
        }
    }
}
