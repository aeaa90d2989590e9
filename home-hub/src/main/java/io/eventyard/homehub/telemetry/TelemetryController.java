package io.eventyard.homehub.telemetry;

import io.eventyard.homehub.api.InvalidRequestException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Rooms, sensors with their latest values, and a sensor's history: {@code from} and {@code to} are ISO-8601
 * instants (default: the last 24 hours), {@code bucket} an ISO-8601 duration (default {@code PT1M}, at least
 * one second, at most 10,000 buckets per request). A bad one is a 400 problem naming the parameter.
 */
@Controller
class TelemetryController {

    static final int MAX_BUCKETS = 10_000;

    private final TelemetryQueries queries;

    TelemetryController(TelemetryQueries queries) {
        this.queries = queries;
    }

    @Get("/rooms")
    List<RoomView> rooms() {
        return queries.rooms();
    }

    @Get("/sensors")
    List<SensorView> sensors(@QueryValue @Nullable String room) {
        return queries.sensors(room);
    }

    @Get("/sensors/{room}/{sensor}/history")
    History history(@PathVariable String room, @PathVariable String sensor, @QueryValue @Nullable String from,
                    @QueryValue @Nullable String to, @QueryValue @Nullable String bucket) {
        return query(room, sensor, from, to, bucket);
    }

    @Get("/sensors/{room}/{sensor}/history.csv")
    @Produces("text/csv")
    HttpResponse<String> historyCsv(@PathVariable String room, @PathVariable String sensor,
                                    @QueryValue @Nullable String from, @QueryValue @Nullable String to,
                                    @QueryValue @Nullable String bucket) {
        History history = query(room, sensor, from, to, bucket);
        StringBuilder csv = new StringBuilder("start,min,avg,max,count\r\n");
        for (HistoryBucket b : history.buckets()) {
            csv.append(b.start()).append(',').append(number(b.min())).append(',').append(number(b.avg()))
                    .append(',').append(number(b.max())).append(',').append(b.count()).append("\r\n");
        }
        return HttpResponse.ok(csv.toString()).contentType(MediaType.of("text/csv; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=\"" + room + "-" + sensor + ".csv\"");
    }

    private History query(String room, String sensor, String fromText, String toText, String bucketText) {
        Instant to = toText == null ? Instant.now() : instant("to", toText);
        Instant from = fromText == null ? to.minus(Duration.ofDays(1)) : instant("from", fromText);
        if (!from.isBefore(to)) {
            throw InvalidRequestException.of("from", "must be before to");
        }
        Duration bucket = Duration.ofMinutes(1);
        if (bucketText != null) {
            try {
                bucket = Duration.parse(bucketText);
            } catch (DateTimeParseException e) {
                throw InvalidRequestException.of("bucket", "must be an ISO-8601 duration such as PT1M");
            }
        }
        if (bucket.compareTo(Duration.ofSeconds(1)) < 0) {
            throw InvalidRequestException.of("bucket", "must be at least PT1S");
        }
        if (Duration.between(from, to).dividedBy(bucket) > MAX_BUCKETS) {
            throw InvalidRequestException.of("bucket", "gives more than " + MAX_BUCKETS
                    + " buckets between from and to; choose a larger one");
        }
        return queries.history(room + "/" + sensor, from, to, bucket);
    }

    private static Instant instant(String parameter, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.of(parameter, "must be an ISO-8601 time with an offset, such as "
                    + "2026-11-22T08:00:00Z");
        }
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }
}
