package io.eventyard.email.smtp;

/** How the connection to the SMTP server is protected. */
public enum TlsMode {
    /** Plain SMTP, e.g. a local relay or a test server. */
    NONE,
    /** Plain connect, then STARTTLS, which the server must offer (usually port 587). */
    STARTTLS,
    /** TLS from the first byte, "SMTPS" (usually port 465). */
    IMPLICIT
}
