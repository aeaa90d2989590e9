package io.eventyard.messaging.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Carries the W3C trace context across the broker: the producer's {@code traceparent} travels in the AMQP
 * headers, and each consumed message gets a consumer span that is a child of, and linked to, the producer's
 * span. One order can so be followed from its HTTP request through every service to its last e-mail.
 *
 * <p>The header is written into the outbox row when the event is created, not when the relay publishes it:
 * the relay runs later on its own thread, outside the request that caused the event.
 */
@Singleton
public class MessageTracing {

    public static final String TRACEPARENT = "traceparent";

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> FROM_MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;

    public MessageTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("io.eventyard.messaging");
    }

    /** The {@code traceparent} of the current span, if one is recording. */
    public Optional<String> currentTraceparent() {
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(Context.current(), carrier, Map::put);
        return Optional.ofNullable(carrier.get(TRACEPARENT));
    }

    /**
     * Starts the consumer span of one delivery. The caller makes it current while it handles the message and
     * ends it afterwards.
     */
    public Span startConsumerSpan(String queue, String routingKey, String messageId, String traceparent) {
        Context producer = traceparent == null ? Context.root()
                : W3C.extract(Context.root(), Map.of(TRACEPARENT, traceparent), FROM_MAP);
        SpanContext producerSpan = Span.fromContext(producer).getSpanContext();
        var builder = tracer.spanBuilder(queue + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(producer)
                .setAttribute("messaging.system", "rabbitmq")
                .setAttribute("messaging.destination.name", queue)
                .setAttribute("messaging.rabbitmq.destination.routing_key", routingKey == null ? "" : routingKey);
        if (messageId != null) {
            builder.setAttribute("messaging.message.id", messageId);
        }
        if (producerSpan.isValid()) {
            builder.addLink(producerSpan);
        }
        return builder.startSpan();
    }
}
