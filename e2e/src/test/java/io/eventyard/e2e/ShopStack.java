package io.eventyard.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order chain as a user runs it: the four services, each on its own free port and database, on one
 * broker, with GreenMail as the SMTP server. Closed in reverse order of starting.
 */
final class ShopStack implements AutoCloseable {

    static final List<String> SERVICES = List.of("order-service", "payment-service", "shipping-service", "email-worker");

    private final MessageBroker broker;
    private final ServiceDatabases databases;
    private final GreenMail mail;
    private final Map<String, ServiceInstance> services = new HashMap<>();
    private final List<AutoCloseable> started = new ArrayList<>();

    ShopStack(MessageBroker broker, ServiceDatabases databases) {
        this.broker = broker;
        this.databases = databases;
        started.add(broker);
        started.add(databases);
        this.mail = new GreenMail(new ServerSetup(ServiceInstance.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        started.add(mail::stop);
        try {
            for (String service : SERVICES) {
                ServiceInstance instance = ServiceInstance.start(service, propertiesFor(service));
                services.put(service, instance);
                started.add(instance);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    MessageBroker broker() {
        return broker;
    }

    GreenMail mail() {
        return mail;
    }

    String url(String service) {
        return services.get(service).baseUrl();
    }

    private Map<String, Object> propertiesFor(String service) {
        Map<String, Object> properties = new HashMap<>(databases.propertiesFor(service));
        properties.put("rabbitmq.uri", broker.amqpUri());
        properties.put("rabbitmq.network-recovery-interval", 500);
        properties.put("eventyard.topology.email-retry-ttl", "200ms");
        properties.put("eventyard.outbox.max-backoff", "1s");
        properties.put("otel.traces.exporter", "none");
        properties.put("otel.metrics.exporter", "none");
        properties.put("otel.logs.exporter", "none");
        properties.put("smtp.host", "127.0.0.1");
        properties.put("smtp.port", mail.getSmtp().getPort());
        return properties;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("stopping the stack failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        started.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
