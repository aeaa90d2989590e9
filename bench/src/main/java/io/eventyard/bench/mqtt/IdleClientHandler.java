package io.eventyard.bench.mqtt;

import java.nio.charset.StandardCharsets;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttVersion;

/**
 * One idle connection: sends CONNECT when the socket is up, then only answers to its own PINGREQs (sent
 * by {@link IdleRun}). Its state lives in the channel's event loop; what the run counts goes to
 * {@link IdleCounters}.
 */
final class IdleClientHandler extends SimpleChannelInboundHandler<MqttMessage> {

    private final String clientId;
    private final MqttTarget target;
    private final int keepAliveSeconds;
    private final IdleCounters counters;
    private volatile boolean connected;
    private boolean settled;

    IdleClientHandler(String clientId, MqttTarget target, int keepAliveSeconds, IdleCounters counters) {
        this.clientId = clientId;
        this.target = target;
        this.keepAliveSeconds = keepAliveSeconds;
        this.counters = counters;
    }

    boolean isConnected() {
        return connected;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect()
                .clientId(clientId)
                .protocolVersion(MqttVersion.MQTT_3_1_1)
                .cleanSession(true)
                .keepAlive(keepAliveSeconds);
        if (target.user() != null) {
            connect.hasUser(true).username(target.user());
            if (target.password() != null) {
                connect.hasPassword(true).password(target.password().getBytes(StandardCharsets.UTF_8));
            }
        }
        MqttConnectMessage message = connect.build();
        ctx.writeAndFlush(message);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, MqttMessage message) {
        MqttMessageType type = message.fixedHeader().messageType();
        if (type == MqttMessageType.CONNACK) {
            MqttConnectReturnCode code = ((MqttConnAckMessage) message).variableHeader().connectReturnCode();
            if (code == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                connected = true;
                settle(true, null);
            } else {
                settle(false, "CONNACK " + code);
                ctx.close();
            }
        } else if (type == MqttMessageType.PINGRESP) {
            counters.pingAnswered();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connected) {
            connected = false;
            counters.closedByBroker();
        }
        settle(false, "closed before CONNACK");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        settle(false, Incidents.describe(cause));
        ctx.close();
    }

    /** The connect attempt's outcome, counted once. */
    void settle(boolean accepted, String why) {
        if (!settled) {
            settled = true;
            counters.settled(accepted, why);
        }
    }
}
