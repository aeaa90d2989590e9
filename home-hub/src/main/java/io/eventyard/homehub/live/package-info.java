/**
 * The live feed behind the dashboard: {@code GET /live}, Server-Sent Events. A client first gets a
 * {@code snapshot} (from a {@link io.eventyard.homehub.live.LiveSnapshotSource}), then {@code reading},
 * {@code position}, {@code availability} and {@code event} as the application events arrive, and a
 * {@code heartbeat} now and then. Each client has a bounded buffer; a client that cannot keep up is
 * disconnected, and its browser reconnects to a fresh snapshot.
 */
package io.eventyard.homehub.live;
