package io.eventyard.broker.http.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * The body of {@code PUT /api/users/{name}}: {@code {"password": "...", "tags": "a,b"}}, where
 * {@code tags} is RabbitMQ's comma-separated text or a JSON list of strings, and mandatory.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record UserBody(@Nullable String password, @Nullable String passwordHash, @Nullable Object tags) {

    /** The tags as a list; a bad request when they are missing or neither text nor a list of text. */
    List<String> tagList() {
        if (tags == null) {
            throw ApiException.badRequest("tags missing: PUT a body like {\"password\":\"secret\",\"tags\":\"\"}");
        }
        List<String> list = new ArrayList<>();
        if (tags instanceof String text) {
            for (String tag : text.split(",")) {
                addTag(list, tag);
            }
        } else if (tags instanceof Collection<?> items) {
            for (Object item : items) {
                if (!(item instanceof String tag)) {
                    throw ApiException.badRequest("tags must be text or a list of text");
                }
                addTag(list, tag);
            }
        } else {
            throw ApiException.badRequest("tags must be text or a list of text");
        }
        return list;
    }

    private static void addTag(List<String> list, String tag) {
        String trimmed = tag.trim();
        if (!trimmed.isEmpty() && !list.contains(trimmed)) {
            list.add(trimmed);
        }
    }
}
