package io.eventyard.shipping.api;

import io.micronaut.serde.annotation.Serdeable;

/** An RFC 9457 problem detail, sent as {@code application/problem+json}. */
@Serdeable
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
