package io.eventyard.broker.amqp.codec;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance of every method record, with uneven bit patterns so that a swapped bit shows. Tables iterate in
 * {@link HashMap} order, the order in which the RabbitMQ Java client re-encodes a table it has read.
 */
final class MethodSamples {

    private MethodSamples() {
    }

    static Map<String, Object> arguments() {
        return table("x-message-ttl", 60000, "x-dead-letter-exchange", "shop.dead", "x-max-priority", (byte) 9,
                "x-ratio", new BigDecimal("1.25"), "x-list", List.of("a", 2L, true));
    }

    /**
     * A table from key-value pairs, in the iteration order of a {@link HashMap} copied from another, as the client's
     * method objects copy the table they are given.
     */
    static Map<String, Object> table(Object... keysAndValues) {
        Map<String, Object> read = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            read.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new LinkedHashMap<>(new HashMap<>(read));
    }

    /** A table nested in another, in the order of the {@link HashMap} the client reads it into. */
    static Map<String, Object> nestedTable(Object... keysAndValues) {
        Map<String, Object> read = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            read.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new LinkedHashMap<>(read);
    }

    static List<Method> all() {
        byte[] response = "\0guest\0guest".getBytes(StandardCharsets.UTF_8);
        return List.of(
                new ConnectionMethod.Start(0, 9, table("product", "Eventyard", "capabilities",
                        nestedTable("publisher_confirms", true, "basic.nack", true)), "PLAIN AMQPLAIN", "en_US"),
                new ConnectionMethod.StartOk(Map.of("product", "test"), "PLAIN", response, "en_US"),
                new ConnectionMethod.Secure(new byte[] {1, 2, 3}),
                new ConnectionMethod.SecureOk(new byte[] {4, 5}),
                new ConnectionMethod.Tune(2047, 131072, 60),
                new ConnectionMethod.TuneOk(2047, 131072, 60),
                new ConnectionMethod.Open("/shop"),
                new ConnectionMethod.OpenOk(),
                new ConnectionMethod.Close(320, "CONNECTION_FORCED - broker forced connection closure", 0, 0),
                new ConnectionMethod.CloseOk(),
                new ConnectionMethod.Blocked("low on memory"),
                new ConnectionMethod.Unblocked(),
                new ConnectionMethod.UpdateSecret("token".getBytes(StandardCharsets.UTF_8), "refresh"),
                new ConnectionMethod.UpdateSecretOk(),
                new ChannelMethod.Open(),
                new ChannelMethod.OpenOk(),
                new ChannelMethod.Flow(true),
                new ChannelMethod.FlowOk(false),
                new ChannelMethod.Close(404, "NOT_FOUND - no queue 'q' in vhost '/'", 50, 10),
                new ChannelMethod.CloseOk(),
                new ExchangeMethod.Declare("shop.events", "topic", false, true, false, true, false, arguments()),
                new ExchangeMethod.DeclareOk(),
                new ExchangeMethod.Delete("shop.events", true, false),
                new ExchangeMethod.DeleteOk(),
                new ExchangeMethod.Bind("dest", "src", "order.*", true, arguments()),
                new ExchangeMethod.BindOk(),
                new ExchangeMethod.Unbind("dest", "src", "order.*", false, Map.of()),
                new ExchangeMethod.UnbindOk(),
                new QueueMethod.Declare("order.placed", false, true, false, true, false, arguments()),
                new QueueMethod.DeclareOk("order.placed", 12, 3),
                new QueueMethod.Bind("order.placed", "shop.events", "order.placed", true, Map.of()),
                new QueueMethod.BindOk(),
                new QueueMethod.Purge("order.placed", true),
                new QueueMethod.PurgeOk(42),
                new QueueMethod.Delete("order.placed", false, true, false),
                new QueueMethod.DeleteOk(7),
                new QueueMethod.Unbind("order.placed", "shop.events", "order.placed", arguments()),
                new QueueMethod.UnbindOk(),
                new BasicMethod.Qos(0, 250, true),
                new BasicMethod.QosOk(),
                new BasicMethod.Consume("order.placed", "ctag-1", false, true, false, true, arguments()),
                new BasicMethod.ConsumeOk("ctag-1"),
                new BasicMethod.Cancel("ctag-1", true),
                new BasicMethod.CancelOk("ctag-1"),
                new BasicMethod.Publish("shop.events", "order.placed", true, false),
                new BasicMethod.Return(312, "NO_ROUTE", "shop.events", "order.nowhere"),
                new BasicMethod.Deliver("ctag-1", 1L << 40, true, "shop.events", "order.placed"),
                new BasicMethod.Get("order.placed", true),
                new BasicMethod.GetOk(99, false, "shop.events", "order.placed", 5),
                new BasicMethod.GetEmpty(),
                new BasicMethod.Ack(17, true),
                new BasicMethod.Reject(18, false),
                new BasicMethod.RecoverAsync(true),
                new BasicMethod.Recover(false),
                new BasicMethod.RecoverOk(),
                new BasicMethod.Nack(19, false, true),
                new ConfirmMethod.Select(true),
                new ConfirmMethod.SelectOk(),
                new TxMethod.Select(),
                new TxMethod.SelectOk(),
                new TxMethod.Commit(),
                new TxMethod.CommitOk(),
                new TxMethod.Rollback(),
                new TxMethod.RollbackOk());
    }
}
