/** The event log: what happened that a person should see, stored and pushed to the dashboard. */
package io.eventyard.homehub.events;
