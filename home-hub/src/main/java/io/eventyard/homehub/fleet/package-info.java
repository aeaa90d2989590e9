/** Vehicles from {@code fleet/vehicle/+/location}: tracks, geofences, overspeed, moving or stopped. */
package io.eventyard.homehub.fleet;
