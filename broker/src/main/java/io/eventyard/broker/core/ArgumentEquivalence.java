package io.eventyard.broker.core;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

import io.eventyard.broker.core.message.FieldTypeNames;
import io.eventyard.broker.core.message.FieldValues;

/**
 * A re-declare must be equivalent to the original declaration (AMQP 0-9-1 queue.declare / exchange.declare);
 * the reply texts are RabbitMQ's, since clients log and match them.
 */
public final class ArgumentEquivalence {

    private ArgumentEquivalence() {
    }

    public static void requireField(String field, Object received, Object current, String resource) {
        if (!Objects.equals(received, current)) {
            throw CoreException.precondition("inequivalent arg '" + field + "' for " + resource
                    + ": received '" + received + "' but current is '" + current + "'");
        }
    }

    /** Compares the arguments named in {@code keys}; others may differ, as in RabbitMQ. */
    public static void requireArguments(Map<String, Object> received, Map<String, Object> current,
                                        Collection<String> keys, String resource) {
        for (String key : keys) {
            boolean hasNew = received != null && received.containsKey(key);
            boolean hasOld = current != null && current.containsKey(key);
            Object newValue = hasNew ? received.get(key) : null;
            Object oldValue = hasOld ? current.get(key) : null;
            if (hasNew == hasOld && (!hasNew || sameValue(newValue, oldValue))) {
                continue;
            }
            throw CoreException.precondition("inequivalent arg '" + key + "' for " + resource
                    + ": received " + describe(hasNew, newValue, hasOld) + " but current is "
                    + describe(hasOld, oldValue, hasNew));
        }
    }

    private static boolean sameValue(Object a, Object b) {
        if (!FieldTypeNames.typeClass(a).equals(FieldTypeNames.typeClass(b))) {
            return false;
        }
        Long la = FieldValues.asLong(a);
        if (la != null) {
            return la.equals(FieldValues.asLong(b));
        }
        String sa = FieldValues.asString(a);
        if (sa != null) {
            return sa.equals(FieldValues.asString(b));
        }
        return Objects.equals(a, b);
    }

    // RabbitMQ names the type only when the other side has no value at all.
    private static String describe(boolean present, Object value, boolean otherPresent) {
        if (!present) {
            return "none";
        }
        Object shown = value instanceof io.eventyard.broker.core.message.LongString l ? l.toString() : value;
        return otherPresent ? "'" + shown + "'" : "the value '" + shown + "' of type '" + FieldTypeNames.of(value) + "'";
    }
}
