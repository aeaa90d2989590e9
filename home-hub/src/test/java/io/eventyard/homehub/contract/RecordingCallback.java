package io.eventyard.homehub.contract;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/** Keeps every message the test's MQTT client receives as {topic, payload}. */
final class RecordingCallback implements MqttCallback {

    private final List<String[]> received;

    RecordingCallback(List<String[]> received) {
        this.received = received;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        received.add(new String[] {topic, new String(message.getPayload(), StandardCharsets.UTF_8)});
    }

    @Override
    public void connectionLost(Throwable cause) {
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
    }
}
