package io.eventyard.broker.amqp.handler;

import io.eventyard.broker.amqp.codec.QueueMethod;
import io.eventyard.broker.core.auth.Access;
import io.eventyard.broker.core.exchange.Destination;
import io.eventyard.broker.core.vhost.QueueDeclared;
import io.eventyard.broker.core.vhost.VirtualHost;

/** queue.declare / bind / unbind / purge / delete: permission check, core call, reply. Core thread. */
final class QueueMethodHandler {

    private QueueMethodHandler() {
    }

    static void handle(AmqpChannel channel, QueueMethod method) {
        AmqpConnection connection = channel.connection();
        if (method instanceof QueueMethod.Declare declare) {
            // A server-named queue is named first, so that the configure permission is checked against its name.
            boolean serverNamed = declare.queue().isEmpty() && !declare.passive();
            String name = serverNamed ? VirtualHost.serverNamedQueue() : declare.queue();
            if (!declare.passive()) {
                connection.authorize(Access.CONFIGURE, "queue", name);
            }
            QueueDeclared declared = connection.virtualHost().declareQueue(name, serverNamed, declare.passive(),
                    declare.durable(), declare.exclusive(), declare.autoDelete(), declare.arguments(), connection);
            channel.rememberDeclaredQueue(declared.name());
            if (!declare.noWait()) {
                channel.send(new QueueMethod.DeclareOk(declared.name(), declared.messageCount(), declared.consumerCount()));
            }
        } else if (method instanceof QueueMethod.Bind bind) {
            String queue = channel.resolveQueueName(bind.queue());
            connection.authorize(Access.WRITE, "queue", queue);
            connection.authorize(Access.READ, "exchange", bind.exchange());
            String routingKey = channel.resolveRoutingKey(bind.queue(), bind.routingKey());
            connection.authorizeTopic(bind.exchange(), routingKey, Access.READ);
            connection.virtualHost().queue(queue, connection);
            connection.virtualHost().bind(new Destination(Destination.Kind.QUEUE, queue), bind.exchange(),
                    routingKey, bind.arguments());
            if (!bind.noWait()) {
                channel.send(new QueueMethod.BindOk());
            }
        } else if (method instanceof QueueMethod.Unbind unbind) {
            String queue = channel.resolveQueueName(unbind.queue());
            connection.authorize(Access.WRITE, "queue", queue);
            connection.authorize(Access.READ, "exchange", unbind.exchange());
            String routingKey = channel.resolveRoutingKey(unbind.queue(), unbind.routingKey());
            connection.authorizeTopic(unbind.exchange(), routingKey, Access.READ);
            connection.virtualHost().queue(queue, connection);
            connection.virtualHost().unbind(new Destination(Destination.Kind.QUEUE, queue), unbind.exchange(),
                    routingKey, unbind.arguments());
            channel.send(new QueueMethod.UnbindOk());
        } else if (method instanceof QueueMethod.Purge purge) {
            String queue = channel.resolveQueueName(purge.queue());
            connection.authorize(Access.READ, "queue", queue);
            int count = connection.virtualHost().purgeQueue(queue, connection);
            if (!purge.noWait()) {
                channel.send(new QueueMethod.PurgeOk(count));
            }
        } else if (method instanceof QueueMethod.Delete delete) {
            String queue = channel.resolveQueueName(delete.queue());
            connection.authorize(Access.CONFIGURE, "queue", queue);
            int count = connection.virtualHost().deleteQueue(queue, delete.ifUnused(), delete.ifEmpty(), connection);
            if (!delete.noWait()) {
                channel.send(new QueueMethod.DeleteOk(count));
            }
        } else {
            throw channel.unexpected(method);
        }
    }
}
