package io.eventyard.homehub.alerts;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * An MQTT message about an alert, written in the transaction that changed the alert and published afterwards
 * by {@link AlertNoticeRelay}: MQTT has no transactions, so this table is its outbox.
 *
 * @param payload  JSON, or empty to delete the retained message of {@code topic}
 * @param attempts failed publications so far
 */
@MappedEntity(value = "alert_notice", escape = false)
record AlertNotice(@Id @GeneratedValue Long id, String topic, String payload, int attempts) {
}
