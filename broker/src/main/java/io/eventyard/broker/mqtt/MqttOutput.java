package io.eventyard.broker.mqtt;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.mqtt.MqttMessage;

/**
 * The core thread's way to the socket. The core appends packets; the socket's event loop drains what has
 * accumulated and flushes once per batch, so a burst of deliveries to one subscriber costs one task hand-off
 * and one system call rather than one each (as {@code AmqpOutput} does for AMQP).
 */
final class MqttOutput {

    /** Packets written per event-loop task, so that one busy connection cannot starve the others. */
    private static final int PACKETS_PER_DRAIN = 256;

    private final Channel channel;
    private final Consumer<Boolean> alarmGate;
    private final Queue<MqttMessage> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;
    private volatile boolean closeAfterDrain;

    /** @param alarmGate stops ({@code true}) or resumes reading the socket for a resource alarm; event loop */
    MqttOutput(Channel channel, Consumer<Boolean> alarmGate) {
        this.channel = channel;
        this.alarmGate = alarmGate;
    }

    void send(MqttMessage message) {
        pending.add(message);
        scheduleDrain();
    }

    /** Sends {@code message} after what is queued, then closes the socket once it is written. */
    void sendAndClose(MqttMessage message) {
        pending.add(message);
        close();
    }

    /** Closes the socket once what is queued has been written. */
    void close() {
        closeAfterDrain = true;
        scheduleDrain();
    }

    /** Whether the socket takes more now; deliveries wait while it does not (Netty's write-buffer high water). */
    boolean writable() {
        return channel.isWritable();
    }

    /** A resource alarm blocks (or no longer blocks) this publishing connection: its socket is not read. */
    void blockReading(boolean blocked) {
        try {
            channel.eventLoop().execute(() -> alarmGate.accept(blocked));
        } catch (RejectedExecutionException stopping) {
            // the broker is stopping and this socket with it
        }
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(drain);
            } catch (RejectedExecutionException stopping) {
                // the broker is stopping and this socket with it: nothing left to write to
            }
        }
    }

    private void drain() {
        drainScheduled.set(false);
        int written = 0;
        MqttMessage message = pending.poll();
        while (message != null) {
            MqttMessage next = written + 1 < PACKETS_PER_DRAIN ? pending.poll() : null;
            if (next == null && closeAfterDrain && pending.isEmpty()) {
                // the last packet before the close (a CONNACK refusal, a DISCONNECT): closed once it is written
                channel.writeAndFlush(message).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            channel.write(message, channel.voidPromise());
            written++;
            message = next;
        }
        if (closeAfterDrain && pending.isEmpty()) {
            channel.flush();
            channel.close();
            return;
        }
        if (written > 0) {
            channel.flush();
        }
        if (!pending.isEmpty()) {
            scheduleDrain(); // the rest in another task, after the other sockets of this loop had a turn
        }
    }
}
