package io.eventyard.broker.http.publish;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 9457 problem detail, the body of every stateless publishing error; {@code field} (an extension
 * member) names the form field at fault when there is one.
 */
@Serdeable
public record Problem(String type, String title, int status, String detail, @Nullable String field) {
}
