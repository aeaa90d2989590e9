package io.eventyard.email.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.eventyard.broker.Broker;
import io.eventyard.broker.BrokerConfig;
import io.eventyard.email.WorkerStack;
import io.eventyard.email.template.RenderedMail;
import io.micronaut.context.ApplicationContext;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The SMTP sender against real sockets: GreenMail, a scripted server, and a port nobody listens on. */
class SmtpMailerIT {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final RenderedMail MAIL = new RenderedMail("Subject ä", "plain body", "<p>html body</p>");

    @TempDir
    static Path brokerDir;

    private static Broker broker;

    private ApplicationContext context;

    @BeforeAll
    static void startBroker() throws IOException {
        broker = Broker.start(BrokerConfig.forTests(brokerDir));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @AfterEach
    void stopContext() {
        if (context != null) {
            context.close();
        }
    }

    private SmtpMailer mailerOn(int port) {
        context = ApplicationContext.run(WorkerStack.properties(broker.amqpPort(), port), "test");
        return context.getBean(SmtpMailer.class);
    }

    @Test
    void sendsOneMultipartMailWithTextAndHtml() throws Exception {
        mailerOn(GREEN_MAIL.getSmtp().getPort()).send("ada@example.com", MAIL, "msg-1", 1);

        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage message = received[0];
        assertThat(message.getSubject()).isEqualTo("Subject ä");
        assertThat(message.getFrom()[0].toString()).contains("shop@eventyard.test");
        assertThat(message.getHeader(SmtpMailer.MESSAGE_ID_HEADER)).containsExactly("msg-1");
        assertThat(message.getContentType()).startsWith("multipart/");
        String raw = GreenMailUtil.getWholeMessage(message);
        assertThat(raw).contains("text/plain").contains("text/html").contains("plain body").contains("<p>html body</p>");
        assertThat(((Multipart) message.getContent()).getCount()).isPositive();
    }

    @Test
    void aRefusedConnectionIsTransient() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SmtpMailer mailer = mailerOn(closedPort);

        assertThatThrownBy(() -> mailer.send("ada@example.com", MAIL, "msg-2", 1))
                .isInstanceOfSatisfying(MailDeliveryException.class, e -> {
                    assertThat(e.isPermanent()).isFalse();
                    assertThat(e.reason()).contains("connection failed");
                });
    }

    @Test
    void a421GreetingIsTransient() throws IOException {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(ScriptedSmtpServer.Behaviour.GREET_421, 0)) {
            SmtpMailer mailer = mailerOn(server.port());

            assertThatThrownBy(() -> mailer.send("ada@example.com", MAIL, "msg-3", 1))
                    .isInstanceOfSatisfying(MailDeliveryException.class, e -> {
                        assertThat(e.isPermanent()).isFalse();
                        assertThat(e.reason()).startsWith("SMTP 421");
                    });
        }
    }

    @Test
    void a550RecipientRejectionIsPermanent() throws IOException {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(ScriptedSmtpServer.Behaviour.REJECT_RECIPIENT_550, 0)) {
            SmtpMailer mailer = mailerOn(server.port());

            assertThatThrownBy(() -> mailer.send("nobody@example.com", MAIL, "msg-4", 1))
                    .isInstanceOfSatisfying(MailDeliveryException.class, e -> {
                        assertThat(e.isPermanent()).isTrue();
                        assertThat(e.reason()).startsWith("SMTP 550");
                    });
        }
    }

    @Test
    void relaysThroughTheScriptedServerOnceItStopsRefusing() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(ScriptedSmtpServer.Behaviour.RELAY, GREEN_MAIL.getSmtp().getPort())) {
            server.refuseNext(1);
            SmtpMailer mailer = mailerOn(server.port());

            assertThatThrownBy(() -> mailer.send("ada@example.com", MAIL, "msg-5", 1)).isInstanceOf(MailDeliveryException.class);
            mailer.send("ada@example.com", MAIL, "msg-5", 1);

            assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void readsTheSmtpSettingsWithTlsModeInAnyCase() {
        Map<String, Object> properties = WorkerStack.properties(broker.amqpPort(), 2525);
        properties.put("smtp.tls", "starttls");
        properties.put("smtp.username", "mailer");
        properties.put("smtp.password", "secret");
        context = ApplicationContext.run(properties, "test");

        SmtpSettings settings = context.getBean(SmtpSettings.class);
        assertThat(settings.tls()).isEqualTo(TlsMode.STARTTLS);
        assertThat(settings.authenticates()).isTrue();
        assertThat(context.getBean(SmtpSessionProvider.class).session().getProperty("mail.smtp.starttls.required")).isEqualTo("true");
    }
}
