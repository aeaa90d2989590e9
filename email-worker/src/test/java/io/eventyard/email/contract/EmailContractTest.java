package io.eventyard.email.contract;

import static io.eventyard.messaging.testing.ContractChecks.CONTRACT;
import static io.eventyard.messaging.testing.ContractChecks.asDelivery;
import static io.eventyard.messaging.testing.ContractChecks.assertSentAsContracted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import io.eventyard.contracts.MessageContract;
import io.eventyard.contracts.MessageExample;
import io.eventyard.email.WorkerStack;
import io.eventyard.email.send.EmailCommand;
import io.eventyard.email.smtp.ScriptedSmtpServer;
import io.eventyard.email.template.EmailTemplate;
import io.eventyard.messaging.inbound.MessageReader;
import io.eventyard.messaging.topology.ShopQueues;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * email-worker against contracts/asyncapi.yaml (bundled broker, H2, GreenMail behind a scripted SMTP server): every
 * example of email.send is mailed through its listener and read by its reader into the values it says; what it
 * parks, in email.dead or shop.dead, is what the contract lets it send there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmailContractTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    /** The subject each example's mail must have: the proof that the worker read its template and model. */
    private static final Map<String, String> SUBJECTS = Map.of(
            "order-confirmation", "Your order 5f0c6a1e-3f7b-4c55-9a43-0c6e1f3b2a10 is confirmed",
            "alert-fired", "[critical] alert fired: kitchen/temperature");

    @TempDir
    Path brokerDir;

    private final MessageContract emailCommand = CONTRACT.messageOf("emailSend");
    private ScriptedSmtpServer smtp;
    private WorkerStack stack;
    private MessageReader reader;

    @BeforeAll
    void start() throws Exception {
        smtp = new ScriptedSmtpServer(ScriptedSmtpServer.Behaviour.RELAY, GREEN_MAIL.getSmtp().getPort());
        stack = WorkerStack.start(brokerDir, smtp.port(), Map.of());
        reader = stack.context().getBean(MessageReader.class);
    }

    @AfterAll
    void stop() throws Exception {
        stack.close();
        smtp.close();
    }

    @BeforeEach
    void relay() {
        smtp.behave(ScriptedSmtpServer.Behaviour.RELAY);
    }

    @Test
    void mailsEveryEmailSendExample() throws Exception {
        assertThat(emailCommand.examples()).extracting(MessageExample::name)
                .containsExactlyInAnyOrderElementsOf(SUBJECTS.keySet());
        for (MessageExample example : emailCommand.examples()) {
            stack.publish(UUID.randomUUID().toString(), example.payload());

            MimeMessage mail = awaitMail(SUBJECTS.get(example.name()));
            assertThat(mail.getAllRecipients()[0].toString()).as(example.name())
                    .isEqualTo(example.name().equals("alert-fired") ? "owner@example.com" : "ada@example.org");
        }
    }

    @Test
    void readsEveryEmailSendExampleAsItsListenerDoes() throws Exception {
        EmailCommand confirmation = read(emailCommand.example("order-confirmation"));
        assertThat(confirmation.to()).isEqualTo("ada@example.org");
        assertThat(confirmation.template()).isEqualTo("order-confirmation");
        assertThat(confirmation.model()).containsEntry("total", "41.48 EUR")
                .containsEntry("orderId", "5f0c6a1e-3f7b-4c55-9a43-0c6e1f3b2a10");
        assertThat(confirmation.messageId()).isEqualTo("5f0c6a1e-3f7b-4c55-9a43-0c6e1f3b2a10:order-confirmation");

        EmailCommand alert = read(emailCommand.example("alert-fired"));
        assertThat(alert.template()).isEqualTo("alert");
        assertThat(alert.messageId()).isEqualTo("home-hub:alert:17:fired");
        for (MessageExample example : emailCommand.examples()) {
            EmailCommand command = read(example);
            assertThat(EmailTemplate.byName(command.template()).orElseThrow().missingKeys(command.model()))
                    .as(example.name()).isEmpty();
        }
    }

    @Test
    void parksACommandItCannotMailInEmailDeadAsTheContractSays() throws Exception {
        smtp.behave(ScriptedSmtpServer.Behaviour.REJECT_RECIPIENT_550);
        // a command id of its own: the example's was mailed by another test, and the inbox would drop it as done
        String messageId = UUID.randomUUID().toString();
        stack.publish(messageId, emailCommand.example("order-confirmation").payload()
                .replace("5f0c6a1e-3f7b-4c55-9a43-0c6e1f3b2a10:order-confirmation", messageId));

        assertSentAsContracted("emailDead", awaitOne(ShopQueues.EMAIL_DEAD));
    }

    @Test
    void aCommandLackingAKeyOfItsTemplateIsRefusedByTheContractAndParkedAsPoison() throws Exception {
        String messageId = UUID.randomUUID().toString();
        String withoutTotal = emailCommand.example("order-confirmation").payload().replace("\"total\":\"41.48 EUR\",", "");

        assertThat(emailCommand.violationsAsReceived(withoutTotal)).isNotEmpty();
        stack.publish(messageId, withoutTotal);
        Delivery parked = awaitOne(ShopQueues.SHOP_DEAD);
        assertSentAsContracted("shopDead", parked);
        assertThat(parked.getProperties().getMessageId()).isEqualTo(messageId);
        assertThat(parked.getProperties().getHeaders().get("x-eventyard-reason").toString()).contains("total");
    }

    private EmailCommand read(MessageExample example) throws Exception {
        return reader.read(asDelivery(ShopQueues.EMAIL_SEND, "email.send", example), EmailCommand.class);
    }

    private Delivery awaitOne(String queue) {
        GetResponse response = await().atMost(Duration.ofSeconds(20)).until(() -> stack.take(queue), Objects::nonNull);
        return new Delivery(response.getEnvelope(), response.getProps(), response.getBody());
    }

    private static MimeMessage awaitMail(String subject) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> Arrays.stream(GREEN_MAIL.getReceivedMessages())
                .filter(mail -> subject.equals(subjectOf(mail))).findFirst().orElse(null), Objects::nonNull);
    }

    private static String subjectOf(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            return null;
        }
    }
}
