package io.eventyard.broker.amqp.handler;

import io.eventyard.broker.amqp.codec.ExchangeMethod;
import io.eventyard.broker.core.auth.Access;
import io.eventyard.broker.core.exchange.Destination;

/** exchange.declare / delete / bind / unbind: permission check, core call, reply. Core thread. */
final class ExchangeMethodHandler {

    private ExchangeMethodHandler() {
    }

    static void handle(AmqpChannel channel, ExchangeMethod method) {
        AmqpConnection connection = channel.connection();
        if (method instanceof ExchangeMethod.Declare declare) {
            if (!declare.passive()) {
                connection.authorize(Access.CONFIGURE, "exchange", declare.exchange());
            }
            connection.virtualHost().declareExchange(declare.exchange(), declare.type(), declare.passive(),
                    declare.durable(), declare.autoDelete(), declare.internal(), declare.arguments());
            if (!declare.noWait()) {
                channel.send(new ExchangeMethod.DeclareOk());
            }
        } else if (method instanceof ExchangeMethod.Delete delete) {
            connection.authorize(Access.CONFIGURE, "exchange", delete.exchange());
            connection.virtualHost().deleteExchange(delete.exchange(), delete.ifUnused());
            if (!delete.noWait()) {
                channel.send(new ExchangeMethod.DeleteOk());
            }
        } else if (method instanceof ExchangeMethod.Bind bind) {
            authorizeBinding(connection, bind.destination(), bind.source(), bind.routingKey());
            connection.virtualHost().bind(new Destination(Destination.Kind.EXCHANGE, bind.destination()), bind.source(),
                    bind.routingKey(), bind.arguments());
            if (!bind.noWait()) {
                channel.send(new ExchangeMethod.BindOk());
            }
        } else if (method instanceof ExchangeMethod.Unbind unbind) {
            authorizeBinding(connection, unbind.destination(), unbind.source(), unbind.routingKey());
            connection.virtualHost().unbind(new Destination(Destination.Kind.EXCHANGE, unbind.destination()),
                    unbind.source(), unbind.routingKey(), unbind.arguments());
            if (!unbind.noWait()) {
                channel.send(new ExchangeMethod.UnbindOk());
            }
        } else {
            throw channel.unexpected(method);
        }
    }

    // RabbitMQ: binding writes to the destination and reads from the source, and the binding key is read from a
    // topic source under the user's topic permission.
    private static void authorizeBinding(AmqpConnection connection, String destination, String source,
                                         String routingKey) {
        connection.authorize(Access.WRITE, "exchange", destination);
        connection.authorize(Access.READ, "exchange", source);
        connection.authorizeTopic(source, routingKey, Access.READ);
    }
}
