package io.eventyard.homehub.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages home-hub could not use: each is logged with its topic and reason, counted
 * ({@code homehub.ingest.rejected}, tagged {@code reason}) and kept, the newest
 * {@code home-hub.ingest.rejected-keep} of them, so that nothing disappears without a trace.
 */
@Singleton
public class RejectedPayloads {

    private static final Logger LOG = LoggerFactory.getLogger(RejectedPayloads.class);
    private static final int MAX_PAYLOAD = 4000;

    private final RejectedPayloadRepository rejected;
    private final MeterRegistry meters;
    private final IngestSettings settings;

    RejectedPayloads(RejectedPayloadRepository rejected, MeterRegistry meters, IngestSettings settings) {
        this.rejected = rejected;
        this.meters = meters;
        this.settings = settings;
    }

    /** Logs and counts a rejection as it is seen (a message delivered twice is counted twice). */
    void noted(String topic, Parsed.Rejected rejection) {
        LOG.warn("rejected MQTT message on {}: {} ({})", topic, rejection.reason(), rejection.detail());
        Counter.builder("homehub.ingest.rejected").description("MQTT messages home-hub could not use")
                .tag("reason", rejection.reason()).register(meters).increment();
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void keep(List<RejectedPayload> rows) {
        if (rows.isEmpty()) {
            return;
        }
        rejected.saveAll(rows);
        long oldestKept = rejected.maxId() - settings.getRejectedKeep();
        if (oldestKept > 0) {
            rejected.deleteByIdLessThanEquals(oldestKept);
        }
    }

    static RejectedPayload row(String topic, byte[] payload, Parsed.Rejected rejection) {
        String text = new String(payload, StandardCharsets.UTF_8);
        if (text.length() > MAX_PAYLOAD) {
            text = text.substring(0, MAX_PAYLOAD);
        }
        String detail = rejection.detail() == null ? "" : rejection.detail();
        if (detail.length() > 1000) {
            detail = detail.substring(0, 1000);
        }
        String cutTopic = topic.length() > 1024 ? topic.substring(0, 1024) : topic;
        return new RejectedPayload(null, cutTopic, text, rejection.reason(), detail, rejection.receivedAt());
    }

    public List<RejectedPayload> latest(String reason, int limit) {
        Pageable page = Pageable.from(0, limit);
        return reason == null ? rejected.listOrderByIdDesc(page) : rejected.findByReasonOrderByIdDesc(reason, page);
    }
}
