/** Errors as {@code application/problem+json}: validation failures name the field or parameter. */
package io.eventyard.homehub.api;
