package io.eventyard.broker.mqtt;

import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;

/**
 * One filter of a SUBSCRIBE, read and checked: the subscription to make, or the SUBACK failure code for it,
 * or a protocol error that ends the connection.
 */
record SubscribeRequest(Subscription subscription, int failure, String protocolError) {

    private static final String SHARE_PREFIX = "$share/";

    static SubscribeRequest parse(MqttTopicSubscription requested, boolean mqtt5, int identifier) {
        String text = requested.topicName();
        MqttSubscriptionOption option = requested.option();
        String group = null;
        String filter = text;
        if (mqtt5 && text.startsWith(SHARE_PREFIX)) {
            // MQTT 5.0 section 4.8.2: $share/{ShareName}/{filter}; the name is one level without wildcards
            int slash = text.indexOf('/', SHARE_PREFIX.length());
            group = slash < 0 ? "" : text.substring(SHARE_PREFIX.length(), slash);
            if (slash < 0 || group.isEmpty() || group.contains("+") || group.contains("#")) {
                return failure(0x8F);
            }
            filter = text.substring(slash + 1);
            if (option.isNoLocal()) {
                return new SubscribeRequest(null, 0, "no local on shared subscription '" + text + "'");
            }
        }
        if (TopicMapping.bindingKey(filter) == null) {
            return failure(0x8F);
        }
        int qos = option.qos().value();
        if (qos > 2) {
            return new SubscribeRequest(null, 0, "QoS " + qos + " requested for '" + text + "'");
        }
        return new SubscribeRequest(new Subscription(filter, group, qos, option.isNoLocal(),
                option.isRetainAsPublished(), option.retainHandling().value(), identifier), 0, null);
    }

    private static SubscribeRequest failure(int code) {
        return new SubscribeRequest(null, code, null);
    }
}
