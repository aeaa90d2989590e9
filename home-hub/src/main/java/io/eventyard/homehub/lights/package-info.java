/**
 * Lights: commands to {@code home/lights/{id}/set}, and each light's state as the light itself reports it on
 * its retained topic {@code home/lights/{id}}.
 */
package io.eventyard.homehub.lights;
