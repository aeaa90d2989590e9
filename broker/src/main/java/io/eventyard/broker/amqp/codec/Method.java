package io.eventyard.broker.amqp.codec;

/**
 * One AMQP 0-9-1 method, as RabbitMQ 3.10 defines it (the 0-9-1 spec with RabbitMQ's errata and extensions). Each
 * AMQP class is a sealed interface with one record per method; fields are in spec order under their spec names.
 *
 * <p>Reserved fields ({@code ticket}, {@code reserved-1}...) are not record components: the codec reads and ignores
 * them and writes their zero value.
 */
public sealed interface Method
        permits ConnectionMethod, ChannelMethod, ExchangeMethod, QueueMethod, BasicMethod, ConfirmMethod, TxMethod {

    int classId();

    int methodId();

    /** The spec name, e.g. {@code "queue.declare"} or {@code "basic.get-ok"}. */
    String name();

    /** Whether a content header and body follow the method (spec 4.2.6): publish, return, deliver and get-ok. */
    default boolean carriesContent() {
        return false;
    }
}
