package io.eventyard.broker.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.eventyard.broker.core.auth.TopicPermission;
import io.micronaut.serde.annotation.Serdeable;

/** A user's topic permission on one exchange, as {@code GET /api/topic-permissions} shows it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Serdeable
public record TopicPermissionView(String user, String vhost, String exchange, String write, String read) {

    static TopicPermissionView of(TopicPermission permission) {
        return new TopicPermissionView(permission.user(), permission.vhost(), permission.exchange(),
                permission.write(), permission.read());
    }
}
