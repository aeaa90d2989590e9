package io.eventyard.broker.amqp.handler;

import io.eventyard.broker.amqp.AmqpException;
import io.eventyard.broker.amqp.ReplyCode;
import io.eventyard.broker.amqp.codec.BasicMethod;
import io.eventyard.broker.core.auth.Access;
import io.eventyard.broker.core.message.Message;
import io.eventyard.broker.core.message.MessageProperties;
import io.eventyard.broker.core.queue.DeathHistory;
import io.eventyard.broker.core.queue.QueueArguments;

/**
 * basic.publish: the checks RabbitMQ's rabbit_channel makes before a message is routed, in its order
 * (immediate, write permission, exchange exists, not internal, topic permission, user-id, expiration). Core
 * thread.
 */
final class BasicPublishHandler {

    private BasicPublishHandler() {
    }

    /** The message to route, or an {@link AmqpException} / {@code CoreException} that refuses it. */
    static Message accept(AmqpConnection connection, BasicMethod.Publish publish, MessageProperties properties,
                          byte[] body) {
        if (publish.immediate()) {
            throw AmqpException.connectionError(ReplyCode.NOT_IMPLEMENTED, "immediate=true",
                    publish.classId(), publish.methodId());
        }
        connection.authorizePublish(publish.exchange());
        connection.virtualHost().exchangeForPublish(publish.exchange());
        authorizeTopics(connection, publish, properties);
        if (properties.userId() != null && !properties.userId().equals(connection.user())) {
            throw precondition("user_id property set to '" + properties.userId() + "' but authenticated user was '"
                    + connection.user() + "'", publish);
        }
        if (properties.expiration() != null) {
            requireValidExpiration(properties.expiration(), publish);
        }
        return new Message(publish.exchange(), publish.routingKey(), properties, body);
    }

    // Every key the message is routed by is checked, the CC and BCC ones too, as RabbitMQ does since 3.13.
    private static void authorizeTopics(AmqpConnection connection, BasicMethod.Publish publish,
                                        MessageProperties properties) {
        connection.authorizeTopic(publish.exchange(), publish.routingKey(), Access.WRITE);
        if (properties.headers() == null) {
            return;
        }
        for (String cc : DeathHistory.ccKeys(properties.headers())) {
            connection.authorizeTopic(publish.exchange(), cc, Access.WRITE);
        }
    }

    private static void requireValidExpiration(String expiration, BasicMethod.Publish publish) {
        long value;
        try {
            value = Long.parseLong(expiration);
        } catch (NumberFormatException e) {
            throw precondition("invalid expiration '" + expiration + "': no_integer", publish);
        }
        if (value < 0) {
            throw precondition("invalid expiration '" + expiration + "': {value_negative," + value + "}", publish);
        }
        if (value > QueueArguments.MAX_TIMER_MILLIS) {
            throw precondition("invalid expiration '" + expiration + "': {value_too_large," + value + "}", publish);
        }
    }

    private static AmqpException precondition(String detail, BasicMethod.Publish publish) {
        return AmqpException.channelError(ReplyCode.PRECONDITION_FAILED, detail, publish.classId(), publish.methodId());
    }
}
