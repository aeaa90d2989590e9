package io.eventyard.broker.mqtt;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Turns a WebSocket connection back into the byte stream MQTT expects. MQTT 5.0 section 6.0 (3.1.1 the same):
 * packets travel in binary data frames, and frame boundaries mean nothing, so a packet may span frames and a
 * frame may hold several packets; the contents of binary frames (and of the continuation frames that
 * finish them) go on as plain ByteBufs for {@code MqttDecoder} to cut into packets. Outgoing packets, encoded
 * to ByteBufs, leave as one binary frame each.
 *
 * <p>Any other data frame (text) must close the network connection [MQTT-6.0.0-1]: it is answered with close
 * code 1003 (RFC 6455: a data type the endpoint cannot accept) and the socket is closed. Control frames
 * (ping, pong, close) are Netty's {@code WebSocketServerProtocolHandler}'s, before this handler.
 */
final class WebSocketByteStream extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketByteStream.class);

    /** Whether the message under way is a binary one sent in fragments, which continuation frames finish. */
    private boolean inBinaryMessage;
    private boolean closing;

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (closing) {
            return;
        }
        if (frame instanceof BinaryWebSocketFrame
                || (frame instanceof ContinuationWebSocketFrame && inBinaryMessage)) {
            inBinaryMessage = !frame.isFinalFragment();
            out.add(frame.content().retain());
            return;
        }
        // a text frame, or a continuation of one
        closing = true;
        LOG.debug("{}: {} on an MQTT WebSocket, closing", ctx.channel().remoteAddress(),
                frame.getClass().getSimpleName());
        ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_MESSAGE_TYPE))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf packet, List<Object> out) {
        out.add(new BinaryWebSocketFrame(packet.retain()));
    }
}
