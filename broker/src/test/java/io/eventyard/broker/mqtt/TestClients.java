package io.eventyard.broker.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** Paho clients (3.1.1 and 5.0) for one target, with unique client ids, recording what they receive. */
final class TestClients {

    private final MqttTarget target;

    TestClients(MqttTarget target) {
        this.target = target;
    }

    static String uniqueId(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ---- 3.1.1 ------------------------------------------------------------------------------------------

    record V3(MqttClient client, Received received) implements AutoCloseable {

        void publish(String topic, String payload, int qos) throws MqttException {
            publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos);
        }

        void publish(String topic, byte[] payload, int qos) throws MqttException {
            client.publish(topic, payload, qos, false);
        }

        int subscribe(String filter, int qos) throws MqttException {
            return client.subscribeWithResponse(new String[] {filter}, new int[] {qos}).getGrantedQos()[0];
        }

        @Override
        public void close() throws MqttException {
            if (client.isConnected()) {
                client.disconnect(2_000);
            }
            client.close(true);
        }
    }

    MqttConnectOptions v3Options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(5);
        options.setKeepAliveInterval(30);
        if (target.username() != null) {
            options.setUserName(target.username());
            options.setPassword(target.password().toCharArray());
        }
        return options;
    }

    V3 v3(String clientId) throws MqttException {
        return v3(clientId, v3Options());
    }

    V3 v3(String clientId, MqttConnectOptions options) throws MqttException {
        MqttClient client = new MqttClient(target.serverUri(), clientId, new MemoryPersistence());
        client.setTimeToWait(5_000);
        Received received = new Received();
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                received.lost(-1);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(new Received.Delivery(topic, message.getPayload(), message.getQos(),
                        message.isDuplicate(), message.isRetained(), null));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        client.connect(options);
        return new V3(client, received);
    }

    // ---- 5.0 --------------------------------------------------------------------------------------------

    record V5(org.eclipse.paho.mqttv5.client.MqttClient client, Received received, IMqttToken connected)
            implements AutoCloseable {

        void publish(String topic, String payload, int qos) throws org.eclipse.paho.mqttv5.common.MqttException {
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, false);
        }

        int subscribe(String filter, int qos) throws org.eclipse.paho.mqttv5.common.MqttException {
            return client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, qos)}).getReasonCodes()[0];
        }

        @Override
        public void close() throws org.eclipse.paho.mqttv5.common.MqttException {
            if (client.isConnected()) {
                client.disconnect(2_000);
            }
            client.close(true);
        }
    }

    MqttConnectionOptions v5Options() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(5);
        options.setKeepAliveInterval(30);
        if (target.username() != null) {
            options.setUserName(target.username());
            options.setPassword(target.password().getBytes(StandardCharsets.UTF_8));
        }
        return options;
    }

    V5 v5(String clientId) throws org.eclipse.paho.mqttv5.common.MqttException {
        return v5(clientId, v5Options());
    }

    V5 v5(String clientId, MqttConnectionOptions options) throws org.eclipse.paho.mqttv5.common.MqttException {
        org.eclipse.paho.mqttv5.client.MqttClient client = new org.eclipse.paho.mqttv5.client.MqttClient(
                target.serverUri(), clientId, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        client.setTimeToWait(5_000);
        Received received = new Received();
        client.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                received.lost(response.getReturnCode());
            }

            @Override
            public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException exception) {
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage message) {
                received.add(new Received.Delivery(topic, message.getPayload(), message.getQos(),
                        message.isDuplicate(), message.isRetained(), message.getProperties()));
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        IMqttToken connected = client.connectWithResult(options);
        return new V5(client, received, connected);
    }
}
