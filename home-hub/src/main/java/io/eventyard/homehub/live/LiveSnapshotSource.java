package io.eventyard.homehub.live;

/**
 * Where the {@code snapshot} event of {@code GET /live} comes from. {@link RecentActivity} is the default:
 * what this process has seen since it started. A source backed by the database replaces it by being a bean
 * of this type (RecentActivity is {@link io.micronaut.context.annotation.Secondary}).
 *
 * <p>Called once per connecting client, off the event loop; it may block on the database.
 */
public interface LiveSnapshotSource {

    LiveSnapshot snapshot();
}
