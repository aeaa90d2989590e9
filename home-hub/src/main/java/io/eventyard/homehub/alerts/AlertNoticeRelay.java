package io.eventyard.homehub.alerts;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;

import io.micronaut.data.model.Pageable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the committed {@link AlertNotice}s in order, each deleted once the broker acknowledged it. Woken
 * after each commit, and polling at {@code homehub.alerts.notice-interval} for those a broker outage held back;
 * a failure stops the round so that order is kept. Publishing blocks until PUBACK, so it runs on a pool thread,
 * never on the MQTT client's callback thread that delivers readings.
 */
@Singleton
class AlertNoticeRelay {

    private static final Logger LOG = LoggerFactory.getLogger(AlertNoticeRelay.class);
    private static final int BATCH = 100;

    private final AlertNoticeRepository notices;
    private final AlertPublisher publisher;
    private final ExecutorService executor;

    AlertNoticeRelay(AlertNoticeRepository notices, AlertPublisher publisher,
                     @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.notices = notices;
        this.publisher = publisher;
        this.executor = executor;
    }

    void wake() {
        executor.execute(this::publishPending);
    }

    @Scheduled(fixedDelay = "${homehub.alerts.notice-interval:2s}", initialDelay = "1s")
    synchronized void publishPending() {
        List<AlertNotice> pending = notices.listOrderById(Pageable.from(0, BATCH));
        for (AlertNotice notice : pending) {
            try {
                publisher.publish(notice.topic(), notice.payload().getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                notices.update(new AlertNotice(notice.id(), notice.topic(), notice.payload(), notice.attempts() + 1));
                if (notice.attempts() == 0) {
                    LOG.warn("could not publish alert notice on {}; retrying every interval", notice.topic(), e);
                }
                return;
            }
            notices.deleteById(notice.id());
        }
    }
}
