package io.eventyard.order.messaging;

import io.eventyard.messaging.testing.RabbitMqVirtualHost;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The messaging checks against a real RabbitMQ, when {@code AMQP_COMPAT_URI} names one
 * (e.g. {@code amqp://guest:guest@host:port/%2F}): the reference the bundled broker is held to.
 * It runs in a virtual host of its own, deleted afterwards: the service declares the shop's topology with
 * its real names, which must not be left on the machine's RabbitMQ.
 */
@EnabledIfEnvironmentVariable(named = "AMQP_COMPAT_URI", matches = ".+")
class RabbitMqMessagingIT extends MessagingStackContract {

    private static RabbitMqVirtualHost vhost;

    @BeforeAll
    static void createVirtualHost() {
        vhost = new RabbitMqVirtualHost(compatUri());
    }

    @AfterAll
    static void deleteVirtualHost() {
        if (vhost != null) {
            vhost.close();
        }
    }

    @Override
    protected String amqpUri() {
        return vhost.amqpUri();
    }

    private static String compatUri() {
        String uri = System.getenv("AMQP_COMPAT_URI");
        // By the AMQP URI spec a bare trailing slash names the empty virtual host, which RabbitMQ refuses
        // with 530 "vhost  not found"; say so plainly instead of failing inside the client.
        if ("/".equals(URI.create(uri).getRawPath())) {
            throw new IllegalArgumentException("AMQP_COMPAT_URI=" + uri + " names the empty virtual host \"\";"
                    + " for the default virtual host \"/\" drop the trailing slash or write it as %2F");
        }
        return uri;
    }
}
