/** Small helpers the features share (JDBC conversions). */
package io.eventyard.homehub.support;
