package io.eventyard.broker.amqp;

import java.nio.charset.StandardCharsets;

/**
 * An AMQP protocol outcome that ends a channel or the connection: what goes into {@code channel.close} or
 * {@code connection.close}. Thrown where the fault is found, caught once by the connection handler, answered on the
 * wire. It is an expected outcome, not a bug, so it carries no stack trace.
 */
public final class AmqpException extends RuntimeException {

    /** A reply text is a shortstr; RabbitMQ cuts longer texts to 252 bytes and appends "...". */
    private static final int MAX_REPLY_TEXT_BYTES = 255;

    private final int replyCode;
    private final String replyText;
    private final int classId;
    private final int methodId;
    private final boolean closesConnection;

    /**
     * @param replyText the full text as sent on the wire, e.g. {@code "NOT_FOUND - no queue 'q' in vhost '/'"};
     *                  cut to fit a shortstr
     * @param classId   class of the method that caused the error, 0 when no method did
     * @param methodId  method that caused the error, 0 when no method did
     */
    public AmqpException(int replyCode, String replyText, int classId, int methodId, boolean closesConnection) {
        super(fitShortstr(replyText), null, false, false);
        this.replyCode = replyCode;
        this.replyText = getMessage();
        this.classId = classId;
        this.methodId = methodId;
        this.closesConnection = closesConnection;
    }

    /** An error that closes the channel, with RabbitMQ's text {@code "NAME - detail"}. */
    public static AmqpException channelError(int code, String detail, int classId, int methodId) {
        return new AmqpException(code, text(code, detail), classId, methodId, false);
    }

    /** An error that closes the whole connection, with RabbitMQ's text {@code "NAME - detail"}. */
    public static AmqpException connectionError(int code, String detail, int classId, int methodId) {
        return new AmqpException(code, text(code, detail), classId, methodId, true);
    }

    public int replyCode() {
        return replyCode;
    }

    public String replyText() {
        return replyText;
    }

    public int classId() {
        return classId;
    }

    public int methodId() {
        return methodId;
    }

    public boolean closesConnection() {
        return closesConnection;
    }

    private static String text(int code, String detail) {
        String name = ReplyCode.name(code);
        return detail == null || detail.isEmpty() ? name : name + " - " + detail;
    }

    private static String fitShortstr(String text) {
        if (text == null) {
            return "";
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_REPLY_TEXT_BYTES) {
            return text;
        }
        int end = MAX_REPLY_TEXT_BYTES - 3;
        while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
            end--; // do not cut a multi-byte character in half
        }
        return new String(utf8, 0, end, StandardCharsets.UTF_8) + "...";
    }

    @Override
    public String toString() {
        return "AmqpException{" + replyCode + " " + replyText + ", class " + classId + ", method " + methodId
                + (closesConnection ? ", closes connection}" : ", closes channel}");
    }
}
