package io.eventyard.broker.mqtt;

import java.util.LinkedHashMap;
import java.util.Map;

import io.eventyard.broker.core.message.FieldValues;

/**
 * One subscription of a session: its filter and the options it was made with (5.0 section 3.8.3.1).
 *
 * @param shareGroup     the group of a {@code $share/{group}/{filter}} subscription, null for an ordinary one
 * @param retainHandling 0: send retained messages at subscribe; 1: only if the subscription is new; 2: never
 * @param identifier     the 5.0 subscription identifier, 0 for none
 */
record Subscription(String filter, String shareGroup, int qos, boolean noLocal, boolean retainAsPublished,
                    int retainHandling, int identifier) {

    // The options travel as arguments of the binding from amq.topic to a persistent session's queue, so that
    // the definitions store keeps them with the binding and a restarted broker gives them back.
    private static final String FILTER = "x-mqtt-filter";
    private static final String QOS = "x-mqtt-qos";
    private static final String NO_LOCAL = "x-mqtt-no-local";
    private static final String RETAIN_AS_PUBLISHED = "x-mqtt-retain-as-published";
    private static final String RETAIN_HANDLING = "x-mqtt-retain-handling";
    private static final String IDENTIFIER = "x-mqtt-subscription-id";

    boolean shared() {
        return shareGroup != null;
    }

    /** The key the session files it under: the filter, or the whole {@code $share/...} text. */
    String key() {
        return shared() ? "$share/" + shareGroup + "/" + filter : filter;
    }

    Map<String, Object> bindingArguments() {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put(FILTER, filter);
        arguments.put(QOS, qos);
        arguments.put(NO_LOCAL, noLocal);
        arguments.put(RETAIN_AS_PUBLISHED, retainAsPublished);
        arguments.put(RETAIN_HANDLING, retainHandling);
        arguments.put(IDENTIFIER, identifier);
        return arguments;
    }

    /** The subscription a binding made by {@link #bindingArguments()} stands for, or null for another binding. */
    static Subscription fromBindingArguments(Map<String, Object> arguments) {
        String filter = FieldValues.asString(arguments.get(FILTER));
        Long qos = FieldValues.asLong(arguments.get(QOS));
        if (filter == null || qos == null) {
            return null;
        }
        Long retainHandling = FieldValues.asLong(arguments.get(RETAIN_HANDLING));
        Long identifier = FieldValues.asLong(arguments.get(IDENTIFIER));
        return new Subscription(filter, null, qos.intValue(), Boolean.TRUE.equals(arguments.get(NO_LOCAL)),
                Boolean.TRUE.equals(arguments.get(RETAIN_AS_PUBLISHED)),
                retainHandling == null ? 0 : retainHandling.intValue(), identifier == null ? 0 : identifier.intValue());
    }
}
