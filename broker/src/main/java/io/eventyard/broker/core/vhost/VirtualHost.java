package io.eventyard.broker.core.vhost;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

import io.eventyard.broker.core.ArgumentEquivalence;
import io.eventyard.broker.core.CoreException;
import io.eventyard.broker.core.CoreExecutor;
import io.eventyard.broker.core.MessageCounters;
import io.eventyard.broker.core.exchange.Binding;
import io.eventyard.broker.core.exchange.Destination;
import io.eventyard.broker.core.exchange.Exchange;
import io.eventyard.broker.core.exchange.ExchangeRouter;
import io.eventyard.broker.core.exchange.ExchangeType;
import io.eventyard.broker.core.exchange.HeadersBindings;
import io.eventyard.broker.core.message.Message;
import io.eventyard.broker.core.message.MessageProperties;
import io.eventyard.broker.core.queue.DeathHistory;
import io.eventyard.broker.core.queue.DeathReason;
import io.eventyard.broker.core.queue.EnqueueResult;
import io.eventyard.broker.core.queue.MessageQueue;
import io.eventyard.broker.core.queue.QueueArguments;
import io.eventyard.broker.core.queue.QueueHost;
import io.eventyard.broker.core.queue.QueueStore;
import io.eventyard.broker.core.queue.QueueStoreProvider;

/**
 * One virtual host: its exchanges, queues and bindings, and the rules of declaring, deleting and routing
 * as RabbitMQ applies them. Owned by the core thread.
 */
public final class VirtualHost implements QueueHost {

    private static final String DEFAULT_EXCHANGE = "";
    private static final List<String> EXCHANGE_EQUIVALENCE_KEYS = List.of("alternate-exchange");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final CoreExecutor executor;
    private final DurableDefinitions durable;
    private final Clock clock;
    private final MessageCounters counters;
    private final QueueStoreProvider stores;
    private final Map<String, Exchange> exchanges = new HashMap<>();
    private final Map<String, MessageQueue> queues = new HashMap<>();

    public VirtualHost(String name, CoreExecutor executor, DurableDefinitions durable, Clock clock,
                       MessageCounters counters) {
        this(name, executor, durable, clock, counters, QueueStoreProvider.NONE);
    }

    public VirtualHost(String name, CoreExecutor executor, DurableDefinitions durable, Clock clock,
                       MessageCounters counters, QueueStoreProvider stores) {
        this.stores = stores;
        this.name = name;
        this.executor = executor;
        this.durable = durable;
        this.clock = clock;
        this.counters = counters;
        addStandardExchanges();
    }

    public String name() {
        return name;
    }

    public Collection<MessageQueue> queues() {
        return queues.values();
    }

    public Collection<Exchange> exchanges() {
        return exchanges.values();
    }

    // The exchanges every RabbitMQ vhost has (AMQP 0-9-1 section 3.1.3 plus RabbitMQ's amq.match).
    private void addStandardExchanges() {
        exchanges.put(DEFAULT_EXCHANGE, new Exchange(DEFAULT_EXCHANGE, ExchangeType.DIRECT, true, false, false, Map.of()));
        addStandard("amq.direct", ExchangeType.DIRECT);
        addStandard("amq.fanout", ExchangeType.FANOUT);
        addStandard("amq.topic", ExchangeType.TOPIC);
        addStandard("amq.headers", ExchangeType.HEADERS);
        addStandard("amq.match", ExchangeType.HEADERS);
    }

    private void addStandard(String exchangeName, ExchangeType type) {
        exchanges.put(exchangeName, new Exchange(exchangeName, type, true, false, false, Map.of()));
    }

    // ---- exchanges --------------------------------------------------------------------------------------

    public Exchange exchange(String exchangeName) {
        Exchange exchange = exchanges.get(exchangeName);
        if (exchange == null) {
            throw CoreException.notFound("no exchange '" + exchangeName + "' in vhost '" + name + "'");
        }
        return exchange;
    }

    /** Whether {@code exchangeName} exists and is of {@code type}; never throws (permission checks ask it). */
    public boolean hasExchangeOfType(String exchangeName, ExchangeType type) {
        Exchange exchange = exchanges.get(exchangeName);
        return exchange != null && exchange.type() == type;
    }

    /** The exchange a client publishes to: it must exist and not be internal (RabbitMQ's checks, texts). */
    public Exchange exchangeForPublish(String exchangeName) {
        Exchange exchange = exchange(exchangeName);
        if (exchange.internal()) {
            throw CoreException.accessRefused("cannot publish to internal exchange '" + exchangeName
                    + "' in vhost '" + name + "'");
        }
        return exchange;
    }

    public Exchange declareExchange(String exchangeName, String typeName, boolean passive, boolean isDurable,
                                    boolean autoDelete, boolean internal, Map<String, Object> arguments) {
        if (passive) {
            return exchange(exchangeName);
        }
        if (exchangeName.isEmpty()) {
            throw CoreException.accessRefused("operation not permitted on the default exchange");
        }
        ExchangeType type = ExchangeType.fromWireName(typeName).orElseThrow(() -> new CoreException(
                CoreException.Reason.COMMAND_INVALID, "unknown exchange type '" + typeName + "'"));
        Exchange existing = exchanges.get(exchangeName);
        // RabbitMQ checks the reserved prefix only when creating: an equivalent amq.* re-declare succeeds.
        if (existing == null && exchangeName.startsWith("amq.")) {
            throw CoreException.accessRefused("exchange name '" + exchangeName + "' contains reserved prefix 'amq.*'");
        }
        String resource = "exchange '" + exchangeName + "' in vhost '" + name + "'";
        if (existing != null) {
            ArgumentEquivalence.requireField("type", typeName, existing.type().wireName(), resource);
            ArgumentEquivalence.requireField("durable", isDurable, existing.durable(), resource);
            ArgumentEquivalence.requireField("auto_delete", autoDelete, existing.autoDelete(), resource);
            ArgumentEquivalence.requireField("internal", internal, existing.internal(), resource);
            ArgumentEquivalence.requireArguments(arguments, existing.arguments(), EXCHANGE_EQUIVALENCE_KEYS, resource);
            return existing;
        }
        Exchange exchange = new Exchange(exchangeName, type, isDurable, autoDelete, internal, copy(arguments));
        if (isDurable) {
            durable.exchangeDeclared(name, exchange); // on disk first: a failed write leaves nothing behind
        }
        exchanges.put(exchangeName, exchange);
        return exchange;
    }

    public void deleteExchange(String exchangeName, boolean ifUnused) {
        if (exchangeName.isEmpty()) {
            throw CoreException.accessRefused("operation not permitted on the default exchange");
        }
        if (exchangeName.startsWith("amq.")) {
            throw CoreException.accessRefused("deletion of system exchange '" + exchangeName + "' in vhost '"
                    + name + "' not allowed");
        }
        Exchange exchange = exchanges.get(exchangeName);
        if (exchange == null) {
            // RabbitMQ 3.10 answers delete-ok for a missing exchange (idempotent delete).
            return;
        }
        if (ifUnused && !exchange.bindings().isEmpty()) {
            throw CoreException.precondition("exchange '" + exchangeName + "' in vhost '" + name + "' in use");
        }
        removeExchange(exchange);
    }

    private void removeExchange(Exchange exchange) {
        exchanges.remove(exchange.name());
        for (Binding binding : exchange.bindings().bindings()) {
            forgetBinding(binding);
        }
        removeBindingsTo(new Destination(Destination.Kind.EXCHANGE, exchange.name()));
        if (exchange.durable()) {
            durable.exchangeDeleted(name, exchange.name());
        }
    }

    // ---- queues -----------------------------------------------------------------------------------------

    /** The queue, if it exists and {@code owner} may use it (exclusive queues belong to one connection). */
    public MessageQueue queue(String queueName, Object owner) {
        MessageQueue queue = queues.get(queueName);
        if (queue == null) {
            throw CoreException.notFound("no queue '" + queueName + "' in vhost '" + name + "'");
        }
        if (queue.exclusive() && queue.exclusiveOwner() != owner) {
            throw locked(queueName);
        }
        return queue;
    }

    /** The queue named {@code queueName}, or null; no access check (for the broker's own protocol adapters). */
    public MessageQueue findQueue(String queueName) {
        return queues.get(queueName);
    }

    /** Declares {@code queueName}, or a server-named queue when it is empty. */
    public QueueDeclared declareQueue(String queueName, boolean passive, boolean isDurable, boolean exclusive,
                                      boolean autoDelete, Map<String, Object> arguments, Object owner) {
        boolean serverNamed = queueName.isEmpty() && !passive;
        return declareQueue(serverNamed ? serverNamedQueue() : queueName, serverNamed, passive, isDurable,
                exclusive, autoDelete, arguments, owner);
    }

    /**
     * Declares a queue; {@code serverNamed} says that the broker chose the name (see {@link #serverNamedQueue()}),
     * so that its {@code amq.gen-} prefix is not refused as a client's use of a reserved name.
     */
    public QueueDeclared declareQueue(String queueName, boolean serverNamed, boolean passive, boolean isDurable,
                                      boolean exclusive, boolean autoDelete, Map<String, Object> arguments,
                                      Object owner) {
        if (passive) {
            MessageQueue queue = queue(queueName, owner);
            queue.touch(); // RabbitMQ counts a passive declare as use of an x-expires queue
            return new QueueDeclared(queue.name(), queue.readyCount(), queue.consumerCount());
        }
        String actualName = queueName;
        if (!serverNamed && queueName.startsWith("amq.")) {
            throw CoreException.accessRefused("queue name '" + queueName + "' contains reserved prefix 'amq.*'");
        }
        String resource = "queue '" + actualName + "' in vhost '" + name + "'";
        MessageQueue existing = queues.get(actualName);
        if (existing != null) {
            if (existing.exclusive() ? existing.exclusiveOwner() != owner || !exclusive : exclusive) {
                throw locked(actualName);
            }
            ArgumentEquivalence.requireField("durable", isDurable, existing.durable(), resource);
            ArgumentEquivalence.requireField("auto_delete", autoDelete, existing.autoDelete(), resource);
            ArgumentEquivalence.requireArguments(arguments, existing.arguments(), QueueArguments.EQUIVALENCE_KEYS, resource);
            existing.touch();
            return new QueueDeclared(actualName, existing.readyCount(), existing.consumerCount());
        }
        QueueArguments settings = QueueArguments.parse(arguments, resource);
        MessageQueue queue = new MessageQueue(name, actualName, isDurable, autoDelete, exclusive ? owner : null,
                copy(arguments), settings, this);
        queues.put(actualName, queue);
        boolean persists = isDurable && !exclusive;
        attachStore(queue, persists, false);
        if (persists) {
            durable.queueDeclared(name, queue);
        }
        return new QueueDeclared(actualName, 0, 0);
    }

    /** A durable queue from the definition store, with the messages its store kept across the restart. */
    public void restoreQueue(String queueName, boolean autoDelete, Map<String, Object> arguments) {
        String resource = "queue '" + queueName + "' in vhost '" + name + "'";
        MessageQueue queue = new MessageQueue(name, queueName, true, autoDelete, null, copy(arguments),
                QueueArguments.parse(arguments, resource), this);
        queues.put(queueName, queue);
        QueueStore store = attachStore(queue, true, true);
        if (store != null) {
            store.recover(queue::recover);
        }
        queue.recovered();
    }

    private QueueStore attachStore(MessageQueue queue, boolean persists, boolean recover) {
        QueueStore store = persists ? stores.durable(name, queue.name(), recover) : stores.paging(name, queue.name());
        if (store != null) {
            queue.attachStore(store, persists, stores.pageOutBytes());
        }
        return store;
    }

    public int deleteQueue(String queueName, boolean ifUnused, boolean ifEmpty, Object owner) {
        MessageQueue queue = queues.get(queueName);
        if (queue == null) {
            // RabbitMQ 3.10 answers delete-ok with count 0 for a missing queue.
            return 0;
        }
        if (queue.exclusive() && queue.exclusiveOwner() != owner) {
            throw locked(queueName);
        }
        if (ifUnused && queue.consumerCount() > 0) {
            throw CoreException.precondition(queue.describe() + " in use");
        }
        if (ifEmpty && queue.readyCount() > 0) {
            throw CoreException.precondition(queue.describe() + " not empty");
        }
        int count = queue.readyCount();
        removeQueue(queue);
        return count;
    }

    public int purgeQueue(String queueName, Object owner) {
        return queue(queueName, owner).purge();
    }

    private void removeQueue(MessageQueue queue) {
        if (queues.remove(queue.name()) == null) {
            return;
        }
        removeBindingsTo(new Destination(Destination.Kind.QUEUE, queue.name()));
        queue.markDeleted();
        if (queue.durable() && !queue.exclusive()) {
            durable.queueDeleted(name, queue.name());
        }
    }

    /** A connection went away: its exclusive queues go with it. */
    public void ownerClosed(Object owner) {
        List<MessageQueue> owned = new ArrayList<>();
        for (MessageQueue queue : queues.values()) {
            if (queue.exclusiveOwner() == owner) {
                owned.add(queue);
            }
        }
        owned.forEach(this::removeQueue);
    }

    private CoreException locked(String queueName) {
        return CoreException.locked("cannot obtain exclusive access to locked queue '" + queueName + "' in vhost '"
                + name + "'. It could be originally declared on another connection or the exclusive property value"
                + " does not match that of the original declaration.");
    }

    /** A name for a queue declared without one, as RabbitMQ makes them ({@code amq.gen-} and 22 characters). */
    public static String serverNamedQueue() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "amq.gen-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // ---- bindings ---------------------------------------------------------------------------------------

    public void bind(Destination destination, String source, String routingKey, Map<String, Object> arguments) {
        Exchange exchange = bindingSource(source);
        requireDestination(destination);
        if (exchange.type() == ExchangeType.HEADERS) {
            HeadersBindings.validate(arguments).ifPresent(detail -> {
                throw CoreException.precondition(detail);
            });
        }
        Binding binding = new Binding(source, destination, routingKey, copy(arguments));
        if (exchange.bindings().add(binding) && exchange.durable() && destinationDurable(destination)) {
            try {
                durable.bindingAdded(name, binding);
            } catch (RuntimeException notStored) {
                exchange.bindings().remove(binding);
                throw notStored;
            }
        }
    }

    public void unbind(Destination destination, String source, String routingKey, Map<String, Object> arguments) {
        Exchange exchange = bindingSource(source);
        requireDestination(destination);
        Binding binding = new Binding(source, destination, routingKey, copy(arguments));
        if (!exchange.bindings().remove(binding)) {
            // RabbitMQ 3.10 answers unbind-ok for a binding that does not exist.
            return;
        }
        if (exchange.durable() && destinationDurable(destination)) {
            durable.bindingRemoved(name, binding);
        }
        deleteIfAutoDeleteAndUnused(exchange);
    }

    private Exchange bindingSource(String source) {
        if (source.isEmpty()) {
            throw CoreException.accessRefused("operation not permitted on the default exchange");
        }
        return exchange(source);
    }

    private void requireDestination(Destination destination) {
        if (destination.kind() == Destination.Kind.QUEUE) {
            if (!queues.containsKey(destination.name())) {
                throw CoreException.notFound("no queue '" + destination.name() + "' in vhost '" + name + "'");
            }
        } else {
            if (destination.name().isEmpty()) {
                throw CoreException.accessRefused("operation not permitted on the default exchange");
            }
            exchange(destination.name());
        }
    }

    private boolean destinationDurable(Destination destination) {
        if (destination.kind() == Destination.Kind.QUEUE) {
            MessageQueue queue = queues.get(destination.name());
            return queue != null && queue.durable() && !queue.exclusive();
        }
        Exchange exchange = exchanges.get(destination.name());
        return exchange != null && exchange.durable();
    }

    private void removeBindingsTo(Destination destination) {
        for (Exchange exchange : new ArrayList<>(exchanges.values())) {
            List<Binding> removed = exchange.bindings().removeDestination(destination);
            if (removed.isEmpty()) {
                continue;
            }
            for (Binding binding : removed) {
                forgetBinding(binding);
            }
            deleteIfAutoDeleteAndUnused(exchange);
        }
    }

    private void forgetBinding(Binding binding) {
        Exchange source = exchanges.get(binding.source());
        boolean wasDurable = (source == null || source.durable()) && destinationDurable(binding.destination());
        if (wasDurable) {
            durable.bindingRemoved(name, binding);
        }
    }

    private void deleteIfAutoDeleteAndUnused(Exchange exchange) {
        if (exchange.autoDelete() && exchange.bindings().isEmpty() && exchanges.get(exchange.name()) == exchange) {
            removeExchange(exchange);
        }
    }

    // ---- routing ----------------------------------------------------------------------------------------

    /**
     * Routes {@code message} (its exchange must exist) to every queue the bindings choose, following
     * RabbitMQ's sender-selected distribution ({@code CC}/{@code BCC} headers; BCC is removed before delivery).
     */
    public PublishResult publish(Message message) {
        return deliver(route(message));
    }

    /**
     * Chooses the queues {@code message} goes to, without delivering it: a transaction routes at publish time
     * and delivers at commit, as RabbitMQ does, so that an exchange deleted in between changes nothing.
     */
    public RoutedMessage route(Message message) {
        Set<String> targets = new LinkedHashSet<>();
        List<String> keys = routingKeys(message.routingKey(), message.properties().headers());
        route(exchange(message.exchange()), keys, message.properties().headers(), targets);
        targets.removeIf(target -> !queues.containsKey(target)); // the default exchange names any key
        return new RoutedMessage(withoutBcc(message), List.copyOf(targets));
    }

    /** Puts a routed message into its queues; queues deleted since it was routed are skipped. */
    public PublishResult deliver(RoutedMessage routed) {
        int accepted = 0;
        boolean rejected = false;
        long syncTicket = 0;
        MessageQueue congested = null;
        for (String target : routed.queues()) {
            MessageQueue queue = queues.get(target);
            if (queue == null) {
                continue;
            }
            accepted++;
            EnqueueResult result = queue.enqueue(routed.message());
            if (!result.accepted()) {
                rejected = true;
            }
            syncTicket = Math.max(syncTicket, result.syncTicket());
            if (congested == null && queue.congested()) {
                congested = queue;
            }
        }
        counters.published(accepted > 0);
        return new PublishResult(accepted, rejected, syncTicket, congested);
    }

    private void route(Exchange exchange, List<String> keys, Map<String, Object> headers, Set<String> targets) {
        ExchangeRouter.route(exchange, keys, headers, exchanges::get, targets);
    }

    private static List<String> routingKeys(String routingKey, Map<String, Object> headers) {
        List<String> cc = DeathHistory.ccKeys(headers);
        if (cc.isEmpty()) {
            return List.of(routingKey);
        }
        List<String> keys = new ArrayList<>(cc.size() + 1);
        keys.add(routingKey);
        keys.addAll(cc);
        return keys;
    }

    private static Message withoutBcc(Message message) {
        Map<String, Object> headers = message.properties().headers();
        if (headers == null || !headers.containsKey("BCC")) {
            return message;
        }
        Map<String, Object> copy = new LinkedHashMap<>(headers);
        copy.remove("BCC");
        MessageProperties props = message.properties().withHeaders(copy);
        return message.withProperties(props);
    }

    // ---- QueueHost --------------------------------------------------------------------------------------

    @Override
    public void deadLetter(MessageQueue queue, Message message, DeathReason reason) {
        String dlx = queue.settings().deadLetterExchange();
        if (dlx == null) {
            return;
        }
        String dlrk = queue.settings().deadLetterRoutingKey();
        counters.countDeadLetter();
        Message dead = DeathHistory.recordDeath(message, queue.name(), reason, Instant.ofEpochSecond(
                clock.instant().getEpochSecond()), dlx, dlrk);
        // Routed as its own task, so that a queue never re-enters itself in the middle of a dispatch.
        executor.execute(() -> routeDeadLetter(dead, reason, dlrk == null ? routingKeys(message.routingKey(),
                message.properties().headers()) : List.of(dlrk)));
    }

    private void routeDeadLetter(Message dead, DeathReason reason, List<String> keys) {
        Exchange exchange = exchanges.get(dead.exchange());
        if (exchange == null) {
            return; // RabbitMQ drops a dead letter whose exchange does not exist
        }
        Set<String> targets = new LinkedHashSet<>();
        route(exchange, keys, dead.properties().headers(), targets);
        for (String target : targets) {
            MessageQueue queue = queues.get(target);
            if (queue == null || (reason != DeathReason.REJECTED && DeathHistory.isAutomaticCycle(dead, target))) {
                continue;
            }
            queue.enqueue(dead);
        }
    }

    @Override
    public void deleteUnused(MessageQueue queue) {
        if (queues.get(queue.name()) == queue) {
            removeQueue(queue);
        }
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return executor.schedule(task, delay);
    }

    @Override
    public long nowMillis() {
        return clock.millis();
    }

    /** Every queue and exchange goes; called when the vhost itself is deleted. */
    public void clear() {
        for (MessageQueue queue : new ArrayList<>(queues.values())) {
            queues.remove(queue.name());
            queue.markDeleted();
        }
        exchanges.clear();
    }

    private static Map<String, Object> copy(Map<String, Object> arguments) {
        return arguments == null || arguments.isEmpty() ? Map.of() : new LinkedHashMap<>(arguments);
    }
}
