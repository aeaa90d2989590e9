package io.eventyard.broker.amqp.handler;

import java.util.Map;

/** What the client said it understands, in connection.start-ok's {@code capabilities} table. */
record ClientCapabilities(boolean consumerCancelNotify, boolean authenticationFailureClose,
                          boolean connectionBlocked) {

    static final ClientCapabilities NONE = new ClientCapabilities(false, false, false);

    static ClientCapabilities from(Map<String, Object> clientProperties) {
        if (clientProperties == null || !(clientProperties.get("capabilities") instanceof Map<?, ?> caps)) {
            return NONE;
        }
        return new ClientCapabilities(
                Boolean.TRUE.equals(caps.get("consumer_cancel_notify")),
                Boolean.TRUE.equals(caps.get("authentication_failure_close")),
                Boolean.TRUE.equals(caps.get("connection.blocked")));
    }
}
