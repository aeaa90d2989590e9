/** Device availability: the device's status topic and will, and an inactivity timeout. */
package io.eventyard.homehub.devices;
