package io.eventyard.homehub.alerts;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

/**
 * One evaluation or rule change at a time, taken outside their transactions so that each sees the state the
 * previous one committed. Readings arrive at a few per second; one lock is plenty.
 */
@Singleton
class RuleLock {

    private final ReentrantLock lock = new ReentrantLock();

    <T> T around(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
