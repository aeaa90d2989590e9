package io.eventyard.email.template;

/** A mail ready to send: its subject and both bodies of the multipart/alternative message. */
public record RenderedMail(String subject, String text, String html) {
}
