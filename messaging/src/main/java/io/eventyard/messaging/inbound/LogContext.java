package io.eventyard.messaging.inbound;

import io.opentelemetry.api.trace.Span;
import org.slf4j.MDC;

/**
 * Puts what identifies a delivery into the logging context (SLF4J MDC) while it is handled, so every log line
 * of that work names the order, the message and the trace: {@code %X{orderId} %X{messageId} %X{traceId}}.
 */
public final class LogContext implements AutoCloseable {

    /** Header the outbox relay sets to the message's aggregate id; every aggregate of the shop is an order. */
    public static final String AGGREGATE_ID_HEADER = "x-eventyard-aggregate-id";

    public static final String ORDER_ID = "orderId";
    public static final String MESSAGE_ID = "messageId";
    public static final String TRACE_ID = "traceId";

    private LogContext() {
    }

    public static LogContext of(InboundMessage message, Span span) {
        put(MESSAGE_ID, message.messageId());
        put(ORDER_ID, message.header(AGGREGATE_ID_HEADER).orElse(null));
        put(TRACE_ID, span.getSpanContext().isValid() ? span.getSpanContext().getTraceId() : null);
        return new LogContext();
    }

    private static void put(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
        }
    }

    @Override
    public void close() {
        MDC.remove(MESSAGE_ID);
        MDC.remove(ORDER_ID);
        MDC.remove(TRACE_ID);
    }
}
