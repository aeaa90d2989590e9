package io.eventyard.broker.scenario.harness;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.ShutdownNotifier;
import com.rabbitmq.client.ShutdownSignalException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How the broker closed a channel or a connection: the reply code and text of its {@code channel.close} or
 * {@code connection.close}. A value, so that a scenario states the whole expectation in one comparison:
 *
 * <pre>{@code
 * assertThat(CloseReason.thrownBy(() -> channel.queueDeclarePassive(queue)))
 *         .isEqualTo(CloseReason.channel(404, "NOT_FOUND - no queue '" + queue + "' in vhost '/'"));
 * }</pre>
 */
public record CloseReason(Scope scope, int code, String text) {

    public enum Scope { CHANNEL, CONNECTION }

    public static CloseReason channel(int code, String text) {
        return new CloseReason(Scope.CHANNEL, code, text);
    }

    public static CloseReason connection(int code, String text) {
        return new CloseReason(Scope.CONNECTION, code, text);
    }

    /** Runs a synchronous client call the broker must refuse, and returns how it closed the channel or connection. */
    public static CloseReason thrownBy(ThrowingCallable call) {
        try {
            call.call();
        } catch (Throwable thrown) {
            for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
                if (cause instanceof ShutdownSignalException) {
                    return of((ShutdownSignalException) cause);
                }
            }
            throw new AssertionError("expected the broker to close the channel or connection, but the call threw", thrown);
        }
        throw new AssertionError("expected the broker to close the channel or connection, but the call succeeded");
    }

    /**
     * Waits for the broker to close a channel, after an asynchronous method it refuses ({@code basic.publish},
     * {@code basic.ack}, ...). A connection error closes the channel too, with the connection's reason.
     */
    public static CloseReason awaitedFrom(Channel channel) {
        return awaited(channel, "channel " + channel.getChannelNumber());
    }

    /** Waits for the broker to close a connection. */
    public static CloseReason awaitedFrom(Connection connection) {
        return awaited(connection, "connection");
    }

    public static CloseReason of(ShutdownSignalException signal) {
        if (signal.isInitiatedByApplication()) {
            throw new AssertionError("closed by the client, not by the broker", signal);
        }
        Method reason = signal.getReason();
        if (reason instanceof AMQP.Channel.Close) {
            AMQP.Channel.Close close = (AMQP.Channel.Close) reason;
            return channel(close.getReplyCode(), close.getReplyText());
        }
        if (reason instanceof AMQP.Connection.Close) {
            AMQP.Connection.Close close = (AMQP.Connection.Close) reason;
            return connection(close.getReplyCode(), close.getReplyText());
        }
        throw new AssertionError("closed without a close method (socket lost?)", signal);
    }

    private static CloseReason awaited(ShutdownNotifier closeable, String what) {
        // The client calls a listener added after the close at once, so there is no race with the broker.
        CompletableFuture<ShutdownSignalException> closed = new CompletableFuture<>();
        closeable.addShutdownListener(closed::complete);
        try {
            return of(closed.get(Waits.DEFAULT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            throw new AssertionError("the broker did not close the " + what + " within " + Waits.DEFAULT);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
