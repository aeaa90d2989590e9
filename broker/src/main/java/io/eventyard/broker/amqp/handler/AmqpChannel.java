package io.eventyard.broker.amqp.handler;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.eventyard.broker.amqp.AmqpException;
import io.eventyard.broker.amqp.ReplyCode;
import io.eventyard.broker.amqp.codec.AmqpCommand;
import io.eventyard.broker.amqp.codec.BasicMethod;
import io.eventyard.broker.amqp.codec.ChannelMethod;
import io.eventyard.broker.amqp.codec.ConfirmMethod;
import io.eventyard.broker.amqp.codec.ExchangeMethod;
import io.eventyard.broker.amqp.codec.Method;
import io.eventyard.broker.amqp.codec.QueueMethod;
import io.eventyard.broker.amqp.codec.TxMethod;
import io.eventyard.broker.core.CoreException;
import io.eventyard.broker.core.Durability;
import io.eventyard.broker.core.auth.Access;
import io.eventyard.broker.core.message.Message;
import io.eventyard.broker.core.message.MessageProperties;
import io.eventyard.broker.core.queue.MessageQueue;
import io.eventyard.broker.core.queue.QueueConsumer;
import io.eventyard.broker.core.queue.QueueEntry;
import io.eventyard.broker.core.vhost.PublishResult;
import io.eventyard.broker.core.vhost.RoutedMessage;

/**
 * One AMQP channel: its consumers, its unacknowledged deliveries, prefetch, confirm and transaction
 * modes. Owned by the core thread; every method here runs there.
 */
final class AmqpChannel {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AmqpConnection connection;
    private final int id;
    private final Map<String, ChannelConsumer> consumers = new LinkedHashMap<>();
    private final UnackedDeliveries unacked = new UnackedDeliveries();
    private boolean closing;
    private long nextDeliveryTag = 1;
    private int consumerPrefetch;
    private int globalPrefetch;
    private boolean confirmMode;
    private long nextPublishSeqNo = 1;
    private final ArrayDeque<PendingConfirm> pendingConfirms = new ArrayDeque<>();
    private long confirmWaitTicket;
    private TransactionBuffer transaction;
    private String lastDeclaredQueue = "";
    /** Unacked deliveries to consumers (not basic.get), what a global prefetch limits; RabbitMQ 3.10. */
    private int consumerUnacked;

    AmqpChannel(AmqpConnection connection, int id) {
        this.connection = connection;
        this.id = id;
    }

    AmqpConnection connection() {
        return connection;
    }

    int id() {
        return id;
    }

    boolean closing() {
        return closing;
    }

    void send(Method method) {
        connection.send(new AmqpCommand(id, method, null, null));
    }

    private void send(Method method, MessageProperties properties, byte[] body) {
        connection.send(new AmqpCommand(id, method, properties, body));
    }

    AmqpException unexpected(Method method) {
        return AmqpException.connectionError(ReplyCode.COMMAND_INVALID,
                "unexpected method " + method.name() + " on a channel", method.classId(), method.methodId());
    }

    // ---- dispatch ---------------------------------------------------------------------------------------

    void handle(AmqpCommand command) {
        Method method = command.method();
        if (closing) {
            // AMQP 0-9-1 section 2.2.4: after channel.close, only close-ok (or a crossing close) counts.
            if (method instanceof ChannelMethod.CloseOk) {
                connection.channelClosed(this);
            } else if (method instanceof ChannelMethod.Close) {
                send(new ChannelMethod.CloseOk());
            }
            return;
        }
        if (method instanceof BasicMethod basic) {
            handleBasic(basic, command);
        } else if (method instanceof QueueMethod queueMethod) {
            QueueMethodHandler.handle(this, queueMethod);
        } else if (method instanceof ExchangeMethod exchangeMethod) {
            ExchangeMethodHandler.handle(this, exchangeMethod);
        } else if (method instanceof ChannelMethod channelMethod) {
            handleChannel(channelMethod);
        } else if (method instanceof ConfirmMethod.Select select) {
            if (transaction != null) {
                throw precondition("cannot switch from tx to confirm mode", method);
            }
            confirmMode = true;
            if (!select.noWait()) {
                send(new ConfirmMethod.SelectOk());
            }
        } else if (method instanceof TxMethod txMethod) {
            handleTx(txMethod);
        } else {
            throw unexpected(method);
        }
    }

    private void handleChannel(ChannelMethod method) {
        if (method instanceof ChannelMethod.Close) {
            release();
            send(new ChannelMethod.CloseOk());
            connection.channelClosed(this);
        } else if (method instanceof ChannelMethod.Flow flow) {
            if (!flow.active()) {
                throw AmqpException.connectionError(ReplyCode.NOT_IMPLEMENTED, "active=false",
                        method.classId(), method.methodId());
            }
            send(new ChannelMethod.FlowOk(true));
        } else if (method instanceof ChannelMethod.Open) {
            throw AmqpException.connectionError(ReplyCode.CHANNEL_ERROR, "second 'channel.open' seen",
                    method.classId(), method.methodId());
        } else if (method instanceof ChannelMethod.FlowOk) {
            // the client's answer to a broker-initiated flow; the broker never sends one
        } else {
            throw unexpected(method);
        }
    }

    private void handleBasic(BasicMethod method, AmqpCommand command) {
        if (method instanceof BasicMethod.Publish publish) {
            publish(publish, command.properties(), command.body());
        } else if (method instanceof BasicMethod.Ack ack) {
            settle(ack.deliveryTag(), ack.multiple(), true, false, method);
        } else if (method instanceof BasicMethod.Nack nack) {
            settle(nack.deliveryTag(), nack.multiple(), false, nack.requeue(), method);
        } else if (method instanceof BasicMethod.Reject reject) {
            settle(reject.deliveryTag(), false, false, reject.requeue(), method);
        } else if (method instanceof BasicMethod.Consume consume) {
            consume(consume);
        } else if (method instanceof BasicMethod.Cancel cancel) {
            ChannelConsumer consumer = consumers.remove(cancel.consumerTag());
            if (consumer != null) {
                consumer.queue().removeConsumer(consumer);
            }
            if (!cancel.noWait()) {
                send(new BasicMethod.CancelOk(cancel.consumerTag()));
            }
        } else if (method instanceof BasicMethod.Get get) {
            get(get);
        } else if (method instanceof BasicMethod.Qos qos) {
            if (qos.prefetchSize() != 0) {
                throw AmqpException.connectionError(ReplyCode.NOT_IMPLEMENTED,
                        "prefetch_size!=0 (" + qos.prefetchSize() + ")", method.classId(), method.methodId());
            }
            if (qos.global()) {
                globalPrefetch = qos.prefetchCount();
            } else {
                consumerPrefetch = qos.prefetchCount();
            }
            send(new BasicMethod.QosOk());
            redispatch();
        } else if (method instanceof BasicMethod.Recover recover) {
            recover(recover.requeue(), method);
            send(new BasicMethod.RecoverOk());
        } else if (method instanceof BasicMethod.RecoverAsync recover) {
            recover(recover.requeue(), method);
        } else {
            throw unexpected(method);
        }
    }

    // ---- publishing -------------------------------------------------------------------------------------

    private void publish(BasicMethod.Publish publish, MessageProperties properties, byte[] body) {
        Message message = BasicPublishHandler.accept(connection, publish, properties, body);
        connection.published();
        RoutedMessage routed = connection.virtualHost().route(message);
        if (transaction != null) {
            transaction.publish(routed, publish.mandatory());
            return;
        }
        deliver(routed, publish.mandatory());
    }

    /** Delivers a routed message; returns the store ticket that must be durable before it counts as confirmed. */
    private long deliver(RoutedMessage routed, boolean mandatory) {
        Message message = routed.message();
        long sequence = confirmMode ? nextPublishSeqNo++ : 0;
        PublishResult result = connection.virtualHost().deliver(routed);
        if (result.congested() != null) {
            connection.slowDown(result.congested());
        }
        if (result.routedQueues() == 0 && mandatory) {
            send(new BasicMethod.Return(ReplyCode.NO_ROUTE, "NO_ROUTE", message.exchange(), message.routingKey()),
                    message.properties(), message.body());
        }
        if (confirmMode) {
            confirmWhenDurable(new PendingConfirm(sequence, result.rejected(), result.syncTicket()));
        }
        return result.syncTicket();
    }

    // ---- publisher confirms -----------------------------------------------------------------------------

    /** A publish waiting for its confirm: a nack when a queue refused it, else an ack once its ticket is synced. */
    private record PendingConfirm(long sequence, boolean nack, long ticket) {
    }

    // Confirms leave in publish order, so that one ack with "multiple" can answer a whole group commit.
    private void confirmWhenDurable(PendingConfirm confirm) {
        pendingConfirms.addLast(confirm);
        Durability durability = connection.durability();
        if (confirm.ticket() <= durability.durableTicket()) {
            if (pendingConfirms.size() == 1) {
                flushConfirms();
            }
            return;
        }
        if (confirm.ticket() > confirmWaitTicket) {
            confirmWaitTicket = confirm.ticket();
            durability.whenDurable(confirm.ticket(), this::flushConfirms);
        }
    }

    private void flushConfirms() {
        if (closing) {
            pendingConfirms.clear();
            return;
        }
        long durable = connection.durability().durableTicket();
        long ackUpTo = 0;
        int acks = 0;
        while (!pendingConfirms.isEmpty() && pendingConfirms.peekFirst().ticket() <= durable) {
            PendingConfirm confirm = pendingConfirms.pollFirst();
            if (confirm.nack()) {
                sendAcks(ackUpTo, acks);
                ackUpTo = 0;
                acks = 0;
                send(new BasicMethod.Nack(confirm.sequence(), false, false));
            } else {
                ackUpTo = confirm.sequence();
                acks++;
            }
        }
        sendAcks(ackUpTo, acks);
    }

    private void sendAcks(long upTo, int count) {
        if (count > 0) {
            send(new BasicMethod.Ack(upTo, count > 1));
        }
    }

    // ---- consuming --------------------------------------------------------------------------------------

    private void consume(BasicMethod.Consume consume) {
        String queueName = resolveQueueName(consume.queue());
        connection.authorize(Access.READ, "queue", queueName);
        MessageQueue queue = connection.virtualHost().queue(queueName, connection);
        String tag = consume.consumerTag().isEmpty() ? generateConsumerTag() : consume.consumerTag();
        if (consumers.containsKey(tag)) {
            throw AmqpException.connectionError(ReplyCode.NOT_ALLOWED, "attempt to reuse consumer tag '" + tag + "'",
                    consume.classId(), consume.methodId());
        }
        boolean exclusiveInUse = queue.consumers().stream().anyMatch(QueueConsumer::exclusive);
        if (exclusiveInUse || (consume.exclusive() && queue.consumerCount() > 0)) {
            throw AmqpException.channelError(ReplyCode.ACCESS_REFUSED, "queue '" + queueName + "' in vhost '"
                    + connection.virtualHost().name() + "' in exclusive use", consume.classId(), consume.methodId());
        }
        // consumer arguments (x-priority, x-cancel-on-ha-failover) are accepted and ignored, see the README
        ChannelConsumer consumer = new ChannelConsumer(this, tag, queue, consume.noAck(), consume.exclusive(),
                consumerPrefetch);
        consumers.put(tag, consumer);
        if (!consume.noWait()) {
            send(new BasicMethod.ConsumeOk(tag));
        }
        queue.addConsumer(consumer);
    }

    private static String generateConsumerTag() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "amq.ctag-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Called by a {@link ChannelConsumer} when its queue hands it a message. */
    void deliver(ChannelConsumer consumer, QueueEntry entry) {
        long tag = nextDeliveryTag++;
        if (!consumer.autoAck()) {
            unacked.add(new UnackedDeliveries.Unacked(tag, consumer.queue(), entry, consumer));
            consumerUnacked++;
        }
        connection.counters().delivered(entry.redelivered());
        Message message = entry.message();
        send(new BasicMethod.Deliver(consumer.tag(), tag, entry.redelivered(), message.exchange(),
                message.routingKey()), message.properties(), message.body());
    }

    boolean hasGlobalCredit() {
        return globalPrefetch == 0 || consumerUnacked < globalPrefetch;
    }

    void consumerCancelledByBroker(ChannelConsumer consumer) {
        if (consumers.remove(consumer.tag()) != null && connection.capabilities().consumerCancelNotify()) {
            send(new BasicMethod.Cancel(consumer.tag(), true));
        }
    }

    private void get(BasicMethod.Get get) {
        String queueName = resolveQueueName(get.queue());
        connection.authorize(Access.READ, "queue", queueName);
        MessageQueue queue = connection.virtualHost().queue(queueName, connection);
        QueueEntry entry = queue.poll(get.noAck());
        if (entry == null) {
            send(new BasicMethod.GetEmpty());
            return;
        }
        long tag = nextDeliveryTag++;
        if (!get.noAck()) {
            unacked.add(new UnackedDeliveries.Unacked(tag, queue, entry, null));
        }
        connection.counters().delivered(entry.redelivered());
        Message message = entry.message();
        send(new BasicMethod.GetOk(tag, entry.redelivered(), message.exchange(), message.routingKey(),
                queue.readyCount()), message.properties(), message.body());
    }

    // ---- settling ---------------------------------------------------------------------------------------

    private void settle(long tag, boolean multiple, boolean ack, boolean requeue, Method method) {
        List<UnackedDeliveries.Unacked> deliveries = unacked.take(tag, multiple);
        if (deliveries == null) {
            throw precondition("unknown delivery tag " + tag, method);
        }
        if (transaction != null) {
            transaction.settle(deliveries, ack, requeue);
            return;
        }
        apply(deliveries, ack, requeue);
        redispatch();
    }

    private void apply(List<UnackedDeliveries.Unacked> deliveries, boolean ack, boolean requeue) {
        if (ack) {
            connection.counters().acknowledged(deliveries.size());
            for (UnackedDeliveries.Unacked delivery : deliveries) {
                released(delivery);
                delivery.queue().settle(delivery.entry());
            }
        } else if (requeue) {
            requeue(deliveries);
        } else {
            for (UnackedDeliveries.Unacked delivery : deliveries) {
                released(delivery);
                delivery.queue().reject(delivery.entry());
            }
        }
    }

    private void released(UnackedDeliveries.Unacked delivery) {
        if (delivery.consumer() != null) {
            delivery.consumer().settled();
            consumerUnacked--;
        }
    }

    // Grouped per queue so that each queue puts its messages back in their original order at once.
    private void requeue(List<UnackedDeliveries.Unacked> deliveries) {
        Map<MessageQueue, List<QueueEntry>> byQueue = new LinkedHashMap<>();
        for (UnackedDeliveries.Unacked delivery : deliveries) {
            released(delivery);
            byQueue.computeIfAbsent(delivery.queue(), q -> new ArrayList<>()).add(delivery.entry());
        }
        byQueue.forEach(MessageQueue::requeue);
    }

    private void recover(boolean requeue, Method method) {
        if (!requeue) {
            throw AmqpException.connectionError(ReplyCode.NOT_IMPLEMENTED, "requeue=false",
                    method.classId(), method.methodId());
        }
        requeue(unacked.takeAll());
        redispatch();
    }

    void resumeDeliveries() {
        if (!closing) {
            redispatch();
        }
    }

    /** Credit came back (ack, qos, a drained socket): let the queues this channel consumes from deliver again. */
    private void redispatch() {
        Set<MessageQueue> queues = new LinkedHashSet<>();
        for (ChannelConsumer consumer : consumers.values()) {
            queues.add(consumer.queue());
        }
        queues.forEach(MessageQueue::dispatch);
    }

    // ---- transactions -----------------------------------------------------------------------------------

    private void handleTx(TxMethod method) {
        if (method instanceof TxMethod.Select) {
            if (confirmMode) {
                throw precondition("cannot switch from confirm to tx mode", method);
            }
            if (transaction == null) {
                transaction = new TransactionBuffer();
            }
            send(new TxMethod.SelectOk());
            return;
        }
        if (transaction == null) {
            throw precondition("channel is not transactional", method);
        }
        if (method instanceof TxMethod.Commit) {
            long ticket = 0;
            for (TransactionBuffer.Action action : transaction.drain()) {
                if (action instanceof TransactionBuffer.Publish publish) {
                    ticket = Math.max(ticket, deliver(publish.routed(), publish.mandatory()));
                } else if (action instanceof TransactionBuffer.Settlement settlement) {
                    apply(settlement.deliveries(), settlement.ack(), settlement.requeue());
                }
            }
            redispatch();
            // commit-ok promises the persistent messages of the transaction are on disk
            connection.durability().whenDurable(ticket, () -> {
                if (!closing) {
                    send(new TxMethod.CommitOk());
                }
            });
        } else if (method instanceof TxMethod.Rollback) {
            List<UnackedDeliveries.Unacked> restored = new ArrayList<>();
            for (TransactionBuffer.Action action : transaction.drain()) {
                if (action instanceof TransactionBuffer.Settlement settlement) {
                    restored.addAll(settlement.deliveries());
                }
            }
            unacked.restore(restored);
            send(new TxMethod.RollbackOk());
        } else {
            throw unexpected(method);
        }
    }

    // ---- names ------------------------------------------------------------------------------------------

    /** AMQP 0-9-1: an empty queue name means the queue last declared on this channel. */
    String resolveQueueName(String queue) {
        if (!queue.isEmpty()) {
            return queue;
        }
        if (lastDeclaredQueue.isEmpty()) {
            throw CoreException.notFound("no previously declared queue");
        }
        return lastDeclaredQueue;
    }

    /** With both queue and routing key empty, queue.bind uses the last declared queue's name as key. */
    String resolveRoutingKey(String queue, String routingKey) {
        return queue.isEmpty() && routingKey.isEmpty() ? lastDeclaredQueue : routingKey;
    }

    void rememberDeclaredQueue(String queue) {
        lastDeclaredQueue = queue;
    }

    // ---- closing ----------------------------------------------------------------------------------------

    /** The channel ends with an error: tell the client, release everything, wait for close-ok. */
    void closeWithError(AmqpException error) {
        release();
        closing = true;
        send(new ChannelMethod.Close(error.replyCode(), error.replyText(), error.classId(), error.methodId()));
    }

    /** The channel ends: its consumers leave their queues, then its unacked messages go back to them. */
    void release() {
        detachConsumers();
        requeueUnacked();
    }

    /**
     * First half of closing: consumers leave their queues. A closing connection detaches every channel's
     * consumers before any channel requeues, so that no requeued message is delivered to a sibling channel
     * that is about to close too.
     */
    void detachConsumers() {
        List<ChannelConsumer> toCancel = new ArrayList<>(consumers.values());
        consumers.clear();
        for (ChannelConsumer consumer : toCancel) {
            consumer.queue().removeConsumer(consumer);
        }
    }

    /** Second half of closing: what the client never settled (including in an open transaction) is requeued. */
    void requeueUnacked() {
        if (transaction != null) {
            List<UnackedDeliveries.Unacked> pending = new ArrayList<>();
            for (TransactionBuffer.Action action : transaction.drain()) {
                if (action instanceof TransactionBuffer.Settlement settlement) {
                    pending.addAll(settlement.deliveries());
                }
            }
            unacked.restore(pending);
        }
        requeue(unacked.takeAll());
    }

    private AmqpException precondition(String detail, Method method) {
        return AmqpException.channelError(ReplyCode.PRECONDITION_FAILED, detail, method.classId(), method.methodId());
    }
}
