package io.eventyard.bench.orders;

import java.util.Optional;

/**
 * Reads one top-level field of a JSON object, enough to take the order id out of a response or an event
 * without a JSON library on the generator's hot path. Nested objects and arrays are skipped, so an
 * {@code "id"} inside {@code items} is never taken for the order's.
 */
final class JsonField {

    private JsonField() {
    }

    /**
     * The value of the top-level field {@code name} when it is a string (unescaped) or a number (as written);
     * empty when the field is missing, of another type, or the text is not an object.
     */
    static Optional<String> topLevel(String json, String name) {
        int i = skipSpace(json, 0);
        if (i >= json.length() || json.charAt(i) != '{') {
            return Optional.empty();
        }
        i++;
        while (true) {
            i = skipSpace(json, i);
            if (i >= json.length() || json.charAt(i) != '"') {
                return Optional.empty();
            }
            StringBuilder key = new StringBuilder();
            i = readString(json, i, key);
            if (i < 0) {
                return Optional.empty();
            }
            i = skipSpace(json, i);
            if (i >= json.length() || json.charAt(i) != ':') {
                return Optional.empty();
            }
            i = skipSpace(json, i + 1);
            if (i >= json.length()) {
                return Optional.empty();
            }
            if (key.toString().equals(name)) {
                return scalar(json, i);
            }
            i = skipValue(json, i);
            if (i < 0) {
                return Optional.empty();
            }
            i = skipSpace(json, i);
            if (i >= json.length() || json.charAt(i) != ',') {
                return Optional.empty();
            }
            i++;
        }
    }

    private static Optional<String> scalar(String json, int i) {
        char first = json.charAt(i);
        if (first == '"') {
            StringBuilder value = new StringBuilder();
            return readString(json, i, value) < 0 ? Optional.empty() : Optional.of(value.toString());
        }
        if (first == '-' || Character.isDigit(first)) {
            int end = i + 1;
            while (end < json.length() && "0123456789.eE+-".indexOf(json.charAt(end)) >= 0) {
                end++;
            }
            return Optional.of(json.substring(i, end));
        }
        return Optional.empty();
    }

    /** Reads the string starting at the quote at {@code i} into {@code out}; the index after it, or -1. */
    private static int readString(String json, int i, StringBuilder out) {
        for (int j = i + 1; j < json.length(); j++) {
            char c = json.charAt(j);
            if (c == '"') {
                return j + 1;
            }
            if (c == '\\') {
                if (j + 1 >= json.length()) {
                    return -1;
                }
                char escaped = json.charAt(++j);
                switch (escaped) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (j + 4 >= json.length()) {
                            return -1;
                        }
                        out.append((char) Integer.parseInt(json.substring(j + 1, j + 5), 16));
                        j += 4;
                    }
                    default -> out.append(escaped);
                }
            } else {
                out.append(c);
            }
        }
        return -1;
    }

    /** The index just after the value starting at {@code i}, or -1 when the text ends first. */
    private static int skipValue(String json, int i) {
        char first = json.charAt(i);
        if (first == '"') {
            return readString(json, i, new StringBuilder());
        }
        if (first != '{' && first != '[') {
            int end = i;
            while (end < json.length() && ",}] \t\r\n".indexOf(json.charAt(end)) < 0) {
                end++;
            }
            return end;
        }
        int depth = 0;
        for (int j = i; j < json.length(); j++) {
            char c = json.charAt(j);
            if (c == '"') {
                j = readString(json, j, new StringBuilder()) - 1;
                if (j < 0) {
                    return -1;
                }
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return j + 1;
                }
            }
        }
        return -1;
    }

    private static int skipSpace(String json, int i) {
        while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
            i++;
        }
        return i;
    }
}
