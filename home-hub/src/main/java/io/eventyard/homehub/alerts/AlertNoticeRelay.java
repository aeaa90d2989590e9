package io.eventyard.homehub.alerts;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.model.Pageable;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the committed {@link AlertNotice}s in order, each deleted once the broker acknowledged it. One
 * thread of its own, woken after each commit that wrote notices and otherwise polling every
 * {@code homehub.alerts.notice-interval} for those a broker outage held back; a failure ends the round, so
 * order is kept. Publishing blocks until PUBACK, which is why it never runs on the MQTT client's callback thread
 * that delivers readings, and why the thread is stopped before the MQTT client is closed.
 */
@Singleton
class AlertNoticeRelay {

    private static final Logger LOG = LoggerFactory.getLogger(AlertNoticeRelay.class);
    private static final int BATCH = 100;

    private final AlertNoticeRepository notices;
    private final AlertPublisher publisher;
    private final AlertSettings settings;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    AlertNoticeRelay(AlertNoticeRepository notices, AlertPublisher publisher, AlertSettings settings) {
        this.notices = notices;
        this.publisher = publisher;
        this.settings = settings;
    }

    @EventListener
    synchronized void start(StartupEvent event) {
        if (thread == null) {
            running = true;
            thread = new Thread(this::run, "alert-notice-relay");
            thread.setDaemon(true);
            thread.start();
        }
    }

    void wake() {
        wakeUps.release();
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(10));
            thread = null;
        }
    }

    private void run() {
        while (running) {
            try {
                publishPending();
                wakeUps.tryAcquire(settings.noticeInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database is away: the next round tries again
                LOG.warn("alert notice relay: {}", e.toString());
                if (!pause()) {
                    return;
                }
            }
        }
    }

    private void publishPending() {
        List<AlertNotice> pending = notices.listOrderById(Pageable.from(0, BATCH));
        for (AlertNotice notice : pending) {
            if (!running) {
                return;
            }
            try {
                publisher.publish(notice.topic(), notice.payload().getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                notices.update(new AlertNotice(notice.id(), notice.topic(), notice.payload(), notice.attempts() + 1));
                if (notice.attempts() == 0) {
                    LOG.warn("could not publish the alert notice on {}; retrying every {}", notice.topic(),
                            settings.noticeInterval(), e);
                }
                return;
            }
            notices.deleteById(notice.id());
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(settings.noticeInterval().toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
