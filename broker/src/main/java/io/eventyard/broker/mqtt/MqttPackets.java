package io.eventyard.broker.mqtt;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;

/** The packets the broker builds in more than one place: CONNACK and DISCONNECT, with their reason strings. */
final class MqttPackets {

    private MqttPackets() {
    }

    static MqttConnAckMessage connAck(MqttConnectReturnCode code, boolean sessionPresent, MqttProperties properties) {
        return new MqttConnAckMessage(new MqttFixedHeader(MqttMessageType.CONNACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttConnAckVariableHeader(code, sessionPresent, properties));
    }

    /** A 5.0 DISCONNECT with its reason code and, for people reading logs, a reason string. */
    static MqttMessage disconnect(int reason, String detail) {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttReasonCodeAndPropertiesVariableHeader((byte) reason,
                        detail == null ? MqttProperties.NO_PROPERTIES : reasonString(detail)));
    }

    static MqttProperties reasonString(String detail) {
        MqttProperties properties = new MqttProperties();
        // bounded, so that a long detail never pushes a packet past the client's maximum packet size
        String text = detail.length() > 200 ? detail.substring(0, 200) : detail;
        properties.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(), text));
        return properties;
    }
}
