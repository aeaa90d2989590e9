package io.eventyard.e2e;

/** The broker the services run on in a test: the bundled one in-process, or an existing RabbitMQ. */
interface MessageBroker extends AutoCloseable {

    /** Where the services connect, with the virtual host. */
    String amqpUri();

    /** Stops the broker and starts it again on the same port and data; false where the test cannot. */
    boolean restart() throws Exception;

    @Override
    void close();
}
