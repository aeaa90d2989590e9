package io.eventyard.broker.core.exchange;

import io.eventyard.broker.core.message.FieldValues;
import io.eventyard.broker.core.message.LongString;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A headers exchange's bindings, matched as RabbitMQ 3.10 matches them. The binding argument {@code x-match}
 * is {@code all} (the default), {@code any}, {@code all-with-x} or {@code any-with-x}; every other argument is a
 * header the message must carry, with an equal value or, when the argument is void, any value. Arguments
 * starting with {@code x-} take part only in the {@code -with-x} modes. Values compare as Erlang's {@code ==}
 * on RabbitMQ's decoded fields ({@link FieldValueEquality#headerValuesEqual}). With {@code all} and nothing
 * left to match a binding matches every message; with {@code any} none.
 *
 * <p>Routing tests every binding: O(bindings × arguments), as in RabbitMQ.
 */
public final class HeadersBindings implements BindingTable {

    private static final String X_MATCH = "x-match";

    private final BindingSet bindings = new BindingSet();
    private final Map<Binding, Pattern> patterns = new HashMap<>();

    /**
     * Checks the {@code x-match} argument as RabbitMQ does when binding, giving the text RabbitMQ puts after
     * {@code PRECONDITION_FAILED - } in its 406 channel close, or empty when the arguments are acceptable.
     */
    public static Optional<String> validate(Map<String, Object> args) {
        if (args == null || !args.containsKey(X_MATCH)) {
            return Optional.empty();
        }
        Object value = args.get(X_MATCH);
        if (value instanceof String || value instanceof LongString) {
            if (Mode.of(value).isPresent()) {
                return Optional.empty();
            }
            return Optional.of("Invalid x-match field value " + ErlangTermText.format(value)
                    + "; expected all, any, all-with-x, or any-with-x");
        }
        return Optional.of("Invalid x-match field type " + ErlangTermText.typeName(value)
                + " (value " + ErlangTermText.format(value) + "); expected longstr");
    }

    @Override
    public boolean add(Binding binding) {
        if (!bindings.add(binding)) {
            return false;
        }
        patterns.put(binding, Pattern.of(binding.arguments()));
        return true;
    }

    @Override
    public boolean remove(Binding binding) {
        if (!bindings.remove(binding)) {
            return false;
        }
        patterns.remove(binding);
        return true;
    }

    @Override
    public void route(String routingKey, Map<String, Object> headers, Consumer<Destination> out) {
        Map<String, Object> data = headers == null ? Map.of() : headers;
        for (Binding binding : bindings.all()) {
            if (patterns.get(binding).matches(data)) {
                out.accept(binding.destination());
            }
        }
    }

    @Override
    public List<Binding> bindings() {
        return bindings.list();
    }

    @Override
    public List<Binding> removeDestination(Destination destination) {
        List<Binding> removed = bindings.to(destination);
        removed.forEach(this::remove);
        return removed;
    }

    @Override
    public boolean isEmpty() {
        return bindings.isEmpty();
    }

    private enum Mode {
        ALL, ANY, ALL_WITH_X, ANY_WITH_X;

        static Optional<Mode> of(Object xMatch) {
            String text = FieldValues.asString(xMatch);
            if (text == null) {
                return Optional.empty();
            }
            return switch (text) {
                case "all" -> Optional.of(ALL);
                case "any" -> Optional.of(ANY);
                case "all-with-x" -> Optional.of(ALL_WITH_X);
                case "any-with-x" -> Optional.of(ANY_WITH_X);
                default -> Optional.empty();
            };
        }

        boolean isAny() {
            return this == ANY || this == ANY_WITH_X;
        }

        boolean matchesXArguments() {
            return this == ALL_WITH_X || this == ANY_WITH_X;
        }
    }

    /** A binding's arguments reduced to what is matched. */
    private record Pattern(boolean any, List<Map.Entry<String, Object>> fields) {

        static Pattern of(Map<String, Object> args) {
            // An x-match RabbitMQ would have refused at bind time means all, as in RabbitMQ.
            Mode mode = Mode.of(args.get(X_MATCH)).orElse(Mode.ALL);
            List<Map.Entry<String, Object>> fields = new ArrayList<>();
            for (Map.Entry<String, Object> arg : args.entrySet()) {
                String key = arg.getKey();
                boolean skipped = key.equals(X_MATCH) || (key.startsWith("x-") && !mode.matchesXArguments());
                if (!skipped) {
                    fields.add(new AbstractMap.SimpleImmutableEntry<>(key, arg.getValue()));
                }
            }
            return new Pattern(mode.isAny(), List.copyOf(fields));
        }

        boolean matches(Map<String, Object> data) {
            for (Map.Entry<String, Object> field : fields) {
                if (matches(field, data) == any) {
                    return any;
                }
            }
            return !any;
        }

        private static boolean matches(Map.Entry<String, Object> field, Map<String, Object> data) {
            if (!data.containsKey(field.getKey())) {
                return false;
            }
            // A void argument asks only that the header be there.
            return field.getValue() == null
                    || FieldValueEquality.headerValuesEqual(field.getValue(), data.get(field.getKey()));
        }
    }
}
