package io.eventyard.homehub.live;

/**
 * Where the {@code snapshot} event of {@code GET /live} comes from: {@link StoredActivity}, the database.
 * {@link RecentActivity} (what this process has seen since it started) is the fallback, being
 * {@link io.micronaut.context.annotation.Secondary}; a source wins over it by being a bean of this type (do not
 * {@code @Replaces} it, {@link LiveFeed} still records into it). Such a source must read data committed before the application
 * event was published, as the features do, so that a client registered before the snapshot misses nothing.
 *
 * <p>Called once per connecting client, off the event loop; it may block on the database.
 */
public interface LiveSnapshotSource {

    LiveSnapshot snapshot();
}
