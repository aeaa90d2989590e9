package io.eventyard.homehub.fleet;

import java.util.List;

/**
 * The geofences after one was created, changed or deleted, announced as an application event once the change is
 * committed (for the live dashboard's map).
 *
 * @param geofences all of them, by id
 */
public record GeofencesChanged(List<Geofence> geofences) {
}
