package io.eventyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sensor reading to a mailbox: a reading published on the bundled broker (through AMQP's {@code amq.topic},
 * which the broker shares with MQTT, so home-hub receives it on {@code home/{room}/{sensor}}), home-hub's ingest
 * and alert rule, the {@code email.send} command through its outbox, the email-worker, GreenMail.
 */
class HomeAlertMailIT {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String room = "room-" + run;
    private final String owner = "home-" + run + "@example.test";
    private final List<AutoCloseable> started = new ArrayList<>();
    private Broker broker;
    private GreenMail mail;
    private ServiceInstance homeHub;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        broker = Broker.start(BrokerConfig.forTests(dir.resolve("broker")));
        started.add(broker);
        mail = new GreenMail(new ServerSetup(ServiceInstance.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        started.add(mail::stop);
        ServiceDatabases databases = ServiceDatabases.h2(dir);

        Map<String, Object> worker = common(databases.propertiesFor("email-worker"));
        worker.put("smtp.host", "127.0.0.1");
        worker.put("smtp.port", mail.getSmtp().getPort());
        started.add(ServiceInstance.start("email-worker", worker));

        Map<String, Object> hub = common(databases.propertiesFor("home-hub"));
        hub.put("mqtt.client.server-uri", "tcp://127.0.0.1:" + broker.mqttPort());
        hub.put("mqtt.client.client-id", "home-hub-" + run);
        hub.put("homehub.alerts.email-to", owner);
        homeHub = ServiceInstance.start("home-hub", hub);
        started.add(homeHub);
    }

    private Map<String, Object> common(Map<String, Object> database) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("rabbitmq.uri", amqpUri());
        properties.put("eventyard.topology.email-retry-ttl", "200ms");
        properties.put("otel.traces.exporter", "none");
        properties.put("otel.metrics.exporter", "none");
        properties.put("otel.logs.exporter", "none");
        return properties;
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void anAlertThatFiresAndClearsMailsTheOwnerTwice() throws Exception {
        String sensorId = room + "/temperature";
        HttpResponse<String> rule = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(homeHub.baseUrl() + "/alert-rules"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"sensorId":"%s","operator":"above","threshold":28,"duration":"PT0S",
                         "clearThreshold":26,"severity":"critical"}""".formatted(sensorId)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rule.statusCode()).isEqualTo(201);

        reading(sensorId, "29.5");
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(owner).size() == 1);
        reading(sensorId, "27");                          // between the thresholds: still firing
        reading(sensorId, "25");
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(owner).size() == 2);

        List<MimeMessage> mails = mailsTo(owner);
        assertThat(mails.get(0).getSubject()).isEqualTo("[critical] alert fired: " + sensorId);
        assertThat(mails.get(1).getSubject()).isEqualTo("[critical] alert cleared: " + sensorId);
    }

    /** A device's reading as MQTT delivers it: AMQP's amq.topic is the same exchange, with '.' for '/'. */
    private void reading(String sensorId, String value) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqpUri());
        try (Connection connection = factory.newConnection("home-alert-it"); Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish("amq.topic", "home." + sensorId.replace('/', '.'),
                    new AMQP.BasicProperties.Builder().deliveryMode(2).build(), value.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
        }
    }

    private List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(mail.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    private String amqpUri() {
        return "amqp://guest:guest@127.0.0.1:" + broker.amqpPort() + "/%2F";
    }
}
