package io.eventyard.homehub.ingest;

import io.eventyard.homehub.fleet.Position;
import io.eventyard.homehub.telemetry.Reading;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a topic and payload into what they mean ({@link Parsed}). Never throws: whatever it cannot use becomes
 * {@link Parsed.Rejected} with a reason from a short list ({@code unparseable}, {@code out-of-range}, ...), the
 * tag of the rejection counter.
 *
 * <p>Timestamps ({@code ts}, OwnTracks' {@code tst}): an ISO-8601 string with an offset
 * ({@code 2026-11-22T08:00:00Z}), or a number: epoch seconds below 10^11 (fractions allowed), epoch
 * milliseconds from there (10^11 s is the year 5138, 10^11 ms is 1973: the two ranges cannot be confused for
 * times this century). A time before 2000 or more than a day ahead of home-hub's clock is rejected
 * ({@code bad-timestamp}): a device with a broken clock should be seen, not plotted in 1970.
 */
@Singleton
public class PayloadParser {

    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?|[-+]?\\.\\d+");
    private static final Pattern NOT_FINITE = Pattern.compile("(?i)[-+]?(nan|inf|infinity)");
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Duration MAX_AHEAD = Duration.ofDays(1);
    private static final double EPOCH_MILLIS_FROM = 1e11;
    private static final int MAX_ID_LENGTH = 120;

    private final JsonMapper json;

    PayloadParser(JsonMapper json) {
        this.json = json;
    }

    public Parsed parse(String topic, byte[] payload, Instant receivedAt) {
        try {
            return route(topic, payload, receivedAt);
        } catch (Bad bad) {
            return new Parsed.Rejected(bad.reason, bad.getMessage(), receivedAt);
        } catch (RuntimeException e) {
            // a parser bug must not stop ingestion either: the message is kept for people to look at
            return new Parsed.Rejected("parser-error", String.valueOf(e), receivedAt);
        }
    }

    private Parsed route(String topic, byte[] payload, Instant receivedAt) {
        String[] levels = topic.split("/", -1);
        if (levels.length == 4 && levels[0].equals("fleet") && levels[1].equals("vehicle")
                && levels[3].equals("location")) {
            return new Parsed.VehiclePosition(position(id(levels[2], "vehicle id"), payload, receivedAt));
        }
        if (!levels[0].equals("home") || levels.length < 2) {
            throw new Bad("unknown-topic", "not a topic home-hub reads");
        }
        if (levels[1].equals("lights")) {
            return new Parsed.Ignored("lights are read by the lights feature");
        }
        if (levels.length >= 4 && levels[3].equals("set")) {
            return new Parsed.Ignored("a command to a device");
        }
        if (levels.length != 3) {
            throw new Bad("unknown-topic", "expected home/{room}/{sensor} or home/{device}/status");
        }
        if (levels[2].equals("status")) {
            return status(id(levels[1], "device"), payload, receivedAt);
        }
        String room = id(levels[1], "room");
        String sensor = id(levels[2], "sensor");
        return new Parsed.SensorReading(reading(room, sensor, payload, receivedAt));
    }

    private static Parsed status(String device, byte[] payload, Instant receivedAt) {
        String text = text(payload).toLowerCase(Locale.ROOT);
        return switch (text) {
            case "online" -> new Parsed.DeviceStatus(device, true, receivedAt);
            case "offline" -> new Parsed.DeviceStatus(device, false, receivedAt);
            // an empty message clears the retained status; nothing to record
            case "" -> new Parsed.Ignored("empty status (a retained status cleared)");
            default -> throw new Bad("bad-status", "status must be online or offline");
        };
    }

    private Reading reading(String room, String sensor, byte[] payload, Instant receivedAt) {
        String text = text(payload);
        if (text.isEmpty()) {
            throw new Bad("empty", "empty payload");
        }
        double value;
        String unit = null;
        Instant measuredAt = receivedAt;
        if (text.startsWith("{")) {
            JsonNode node = object(payload);
            value = number(node.get("value"), "value", true);
            JsonNode unitNode = node.get("unit");
            if (unitNode != null && !unitNode.isNull()) {
                if (!unitNode.isString() || unitNode.getStringValue().length() > 32) {
                    throw new Bad("unparseable", "unit must be a string of at most 32 characters");
                }
                unit = unitNode.getStringValue();
            }
            measuredAt = time(node.get("ts"), "ts", receivedAt);
        } else {
            if (NOT_FINITE.matcher(text).matches()) {
                throw new Bad("out-of-range", "value is not finite");
            }
            if (!NUMBER.matcher(text).matches()) {
                throw new Bad("unparseable", "neither a number nor a JSON object");
            }
            value = Double.parseDouble(text);
            if (!Double.isFinite(value)) {
                throw new Bad("out-of-range", "value is not finite");
            }
        }
        checkRange(value, unit);
        return new Reading(room + "/" + sensor, room, sensor, value, unit, measuredAt, receivedAt);
    }

    /** Bounds for the units a house has; anything else only has to be finite. */
    private static void checkRange(double value, String unit) {
        if (unit == null) {
            return;
        }
        double[] bounds = switch (unit.toLowerCase(Locale.ROOT)) {
            case "°c", "c", "celsius" -> new double[] {-90, 150};
            case "°f", "f", "fahrenheit" -> new double[] {-130, 302};
            case "%", "%rh" -> new double[] {0, 100};
            case "w", "kw", "wh", "kwh", "lx", "lux", "ppm", "hpa", "pa" -> new double[] {0, Double.MAX_VALUE};
            default -> null;
        };
        if (bounds != null && (value < bounds[0] || value > bounds[1])) {
            throw new Bad("out-of-range", "value " + value + " " + unit + " is outside [" + bounds[0] + ", "
                    + bounds[1] + "]");
        }
    }

    private Position position(String vehicleId, byte[] payload, Instant receivedAt) {
        JsonNode node = object(payload);
        JsonNode type = node.get("_type");
        double lat;
        double lon;
        Double speed;
        Double heading;
        Double accuracy;
        Instant fixTime;
        if (type != null) {
            // OwnTracks: vel in km/h, cog in degrees, acc in metres, tst in epoch seconds
            if (!type.isString() || !type.getStringValue().equals("location")) {
                throw new Bad("unsupported-type", "OwnTracks _type " + type + " is not a location");
            }
            lat = number(node.get("lat"), "lat", false);
            lon = number(node.get("lon"), "lon", false);
            speed = optionalNumber(node.get("vel"), "vel");
            heading = optionalNumber(node.get("cog"), "cog");
            accuracy = optionalNumber(node.get("acc"), "acc");
            fixTime = time(node.get("tst"), "tst", receivedAt);
        } else {
            lat = number(node.get("lat"), "lat", false);
            lon = number(node.get("lon"), "lon", false);
            speed = optionalNumber(node.get("speedKmh"), "speedKmh");
            heading = optionalNumber(node.get("heading"), "heading");
            accuracy = optionalNumber(node.get("accuracy"), "accuracy");
            fixTime = time(node.get("ts"), "ts", receivedAt);
        }
        if (lat < -90 || lat > 90) {
            throw new Bad("out-of-range", "lat " + lat + " is outside [-90, 90]");
        }
        if (lon < -180 || lon > 180) {
            throw new Bad("out-of-range", "lon " + lon + " is outside [-180, 180]");
        }
        if (speed != null && (speed < 0 || speed > 1000)) {
            throw new Bad("out-of-range", "speed " + speed + " km/h is outside [0, 1000]");
        }
        if (heading != null && (heading < 0 || heading > 360)) {
            throw new Bad("out-of-range", "heading " + heading + " is outside [0, 360]");
        }
        if (accuracy != null && accuracy < 0) {
            throw new Bad("out-of-range", "accuracy " + accuracy + " is negative");
        }
        return new Position(vehicleId, lat, lon, speed, heading, accuracy, fixTime, receivedAt);
    }

    private JsonNode object(byte[] payload) {
        JsonNode node;
        try {
            node = json.readValue(payload, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new Bad("unparseable", "not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new Bad("unparseable", "not a JSON object");
        }
        return node;
    }

    private static double number(JsonNode node, String field, boolean booleanAllowed) {
        if (node == null || node.isNull()) {
            throw new Bad("unparseable", field + " is missing");
        }
        double value;
        if (node.isNumber()) {
            value = node.getNumberValue().doubleValue();
        } else if (booleanAllowed && node.isBoolean()) {
            // motion and contact sensors: true/false become 1/0
            value = node.getBooleanValue() ? 1 : 0;
        } else if (node.isString() && NUMBER.matcher(node.getStringValue().trim()).matches()) {
            value = Double.parseDouble(node.getStringValue().trim());
        } else {
            throw new Bad("unparseable", field + " is not a number");
        }
        if (!Double.isFinite(value)) {
            throw new Bad("out-of-range", field + " is not finite");
        }
        return value;
    }

    private static Double optionalNumber(JsonNode node, String field) {
        return node == null || node.isNull() ? null : number(node, field, false);
    }

    private static Instant time(JsonNode node, String field, Instant receivedAt) {
        if (node == null || node.isNull()) {
            return receivedAt;
        }
        Instant at;
        if (node.isNumber()) {
            double number = node.getNumberValue().doubleValue();
            if (!Double.isFinite(number)) {
                throw new Bad("bad-timestamp", field + " is not finite");
            }
            at = number < EPOCH_MILLIS_FROM
                    ? Instant.ofEpochMilli(Math.round(number * 1000))
                    : Instant.ofEpochMilli(Math.round(number));
        } else if (node.isString()) {
            try {
                at = OffsetDateTime.parse(node.getStringValue()).toInstant();
            } catch (DateTimeParseException e) {
                throw new Bad("bad-timestamp", field + " is not ISO-8601 with an offset: " + node.getStringValue());
            }
        } else {
            throw new Bad("bad-timestamp", field + " is neither a number nor a string");
        }
        if (at.isBefore(EARLIEST) || at.isAfter(receivedAt.plus(MAX_AHEAD))) {
            throw new Bad("bad-timestamp", field + " " + at + " is before 2000 or more than a day ahead");
        }
        return at;
    }

    private static String id(String level, String what) {
        if (level.isEmpty() || level.length() > MAX_ID_LENGTH || level.equals("+") || level.equals("#")) {
            throw new Bad("bad-topic", what + " must be 1 to " + MAX_ID_LENGTH + " characters");
        }
        return level;
    }

    private static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8).trim();
    }

    /** Why a message cannot be used; a control-flow exception without a stack trace. */
    private static final class Bad extends RuntimeException {
        private final String reason;

        Bad(String reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }
}
