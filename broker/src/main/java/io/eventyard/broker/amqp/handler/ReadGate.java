package io.eventyard.broker.amqp.handler;

/**
 * Stops and resumes reading one connection's socket, for two independent reasons; it is read again only
 * when neither holds. Called from the core thread; the effect happens on the socket's event loop.
 */
interface ReadGate {

    /** A resource alarm blocks (or no longer blocks) this publishing connection. */
    void alarm(boolean blocked);

    /** A queue this connection publishes to is not being drained fast enough (RabbitMQ's "flow" state). */
    void flow(boolean paused);
}
