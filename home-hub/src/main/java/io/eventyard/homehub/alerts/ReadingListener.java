package io.eventyard.homehub.alerts;

import io.eventyard.homehub.telemetry.Reading;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Evaluates the alert rules on every stored reading; only delegates. */
@Singleton
class ReadingListener {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingListener.class);

    private final AlertEvaluator evaluator;
    private final RuleLock lock;
    private final AlertNoticeRelay relay;

    ReadingListener(AlertEvaluator evaluator, RuleLock lock, AlertNoticeRelay relay) {
        this.evaluator = evaluator;
        this.lock = lock;
        this.relay = relay;
    }

    @EventListener
    void onReading(Reading reading) {
        boolean changed;
        try {
            changed = lock.around(() -> evaluator.evaluate(reading));
        } catch (RuntimeException e) {
            // The reading itself is stored; never fail its publisher (the ingest) because alerting failed.
            LOG.error("alert evaluation failed for {} at {}", reading.sensorId(), reading.measuredAt(), e);
            return;
        }
        if (changed) {
            relay.wake();
        }
    }
}
