package io.eventyard.broker.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.eventyard.broker.core.auth.Permission;
import io.micronaut.serde.annotation.Serdeable;

/** A user's permission on a vhost, as {@code GET /api/permissions} shows it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Serdeable
public record PermissionView(String user, String vhost, String configure, String write, String read) {

    static PermissionView of(Permission permission) {
        return new PermissionView(permission.user(), permission.vhost(), permission.configure(),
                permission.write(), permission.read());
    }
}
