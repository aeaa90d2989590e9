package io.eventyard.email.send;

import static io.eventyard.email.WorkerStack.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.rabbitmq.client.GetResponse;
import io.eventyard.email.WorkerStack;
import io.eventyard.email.smtp.ScriptedSmtpServer;
import io.eventyard.email.smtp.SmtpMailer;
import io.eventyard.messaging.deadletter.PoisonMessages;
import io.eventyard.messaging.topology.ShopQueues;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * email.send commands through the running worker: the bundled broker, H2, and GreenMail behind a
 * scripted SMTP server that can refuse connections or reject recipients on demand.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmailWorkerIT {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    private static final Map<String, String> ORDER = Map.of("orderId", "ord-1", "total", "49.90 EUR");

    @TempDir
    Path brokerDir;

    private ScriptedSmtpServer smtp;
    private WorkerStack stack;

    @BeforeAll
    void start() throws Exception {
        smtp = new ScriptedSmtpServer(ScriptedSmtpServer.Behaviour.RELAY, GREEN_MAIL.getSmtp().getPort());
        stack = WorkerStack.start(brokerDir, smtp.port(), Map.of("email.max-attempts", 4));
    }

    @AfterAll
    void stop() throws Exception {
        stack.close();
        smtp.close();
    }

    @BeforeEach
    void cleanMailboxAndParking() throws Exception {
        GREEN_MAIL.purgeEmailFromAllMailboxes();
        stack.purge(ShopQueues.EMAIL_DEAD);
        stack.purge(ShopQueues.SHOP_DEAD);
        smtp.behave(ScriptedSmtpServer.Behaviour.RELAY);
    }

    @AfterEach
    void settle() {
        stack.awaitIdle();
    }

    @Test
    void aCommandBecomesExactlyOneMailWithTextAndHtmlParts() throws Exception {
        String id = newId();
        stack.publish(id, command("ada@example.com", "order-confirmation", id, ORDER));

        MimeMessage mail = awaitOneMail(id);
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ada@example.com");
        assertThat(mail.getSubject()).isEqualTo("Your order ord-1 is confirmed");
        assertThat(mail.getFrom()[0].toString()).contains("shop@eventyard.test");
        String raw = GreenMailUtil.getWholeMessage(mail);
        assertThat(raw).contains("multipart/alternative").contains("text/plain").contains("text/html")
                .contains("49.90 EUR").contains("<td>49.90 EUR</td>");
        assertThat(mail.getHeader(SmtpMailer.ATTEMPT_HEADER)).containsExactly("1");
        stack.awaitIdle();
        assertThat(mailsFor(id)).hasSize(1);
    }

    @Test
    void theSameCommandTwiceIsMailedOnce() throws Exception {
        String id = newId();
        String body = command("ada@example.com", "shipment-notice", id,
                Map.of("orderId", "ord-2", "carrier", "Parcelwise", "trackingNumber", "PW1"));
        stack.publish(id, body);
        stack.publish(id, body);
        // the command's own messageId is the key, so a re-publish under a new AMQP id is a duplicate too
        stack.publish(newId(), body);

        awaitOneMail(id);
        stack.awaitIdle();
        Thread.sleep(300);
        assertThat(mailsFor(id)).hasSize(1);
    }

    @Test
    void smtpFailingForTheFirstTwoAttemptsDeliversAtTheThirdAfterGrowingWaits() throws Exception {
        String id = newId();
        int connectionsBefore = smtp.connections();
        smtp.refuseNext(2);
        long started = System.nanoTime();
        stack.publish(id, command("ada@example.com", "payment-receipt", id, ORDER));

        MimeMessage mail = awaitOneMail(id);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // attempt 3 is made after 3 expiry cycles (waits of 1 and 2 TTLs), read from x-death
        assertThat(mail.getHeader(SmtpMailer.ATTEMPT_HEADER)).containsExactly("3");
        assertThat(smtp.connections() - connectionsBefore).isEqualTo(3);
        assertThat(took).isGreaterThanOrEqualTo(WorkerStack.RETRY_TTL.multipliedBy(3));
        assertThat(stack.depth(ShopQueues.EMAIL_DEAD)).isZero();
    }

    @Test
    void aPermanentRecipientRejectionIsParkedAtOnce() throws Exception {
        String id = newId();
        int connectionsBefore = smtp.connections();
        smtp.behave(ScriptedSmtpServer.Behaviour.REJECT_RECIPIENT_550);
        stack.publish(id, command("nobody@example.com", "order-confirmation", id, ORDER));

        GetResponse parked = awaitOne(ShopQueues.EMAIL_DEAD);
        assertThat(parked.getProps().getMessageId()).isEqualTo(id);
        assertThat(String.valueOf(parked.getProps().getHeaders().get("x-eventyard-reason")))
                .startsWith("permanent failure at attempt 1: SMTP 550");
        assertThat(parked.getProps().getHeaders()).doesNotContainKey("x-death");
        assertThat(new String(parked.getBody(), StandardCharsets.UTF_8)).contains("nobody@example.com");
        assertThat(smtp.connections() - connectionsBefore).isEqualTo(1);
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void poisonCommandsGoToShopDeadWithTheReason() throws Exception {
        stack.publish(newId(), "this is not JSON");
        stack.publish(newId(), command("not-an-address", "order-confirmation", null, ORDER));
        stack.publish(newId(), command("ada@example.com", "birthday-greeting", null, ORDER));
        stack.publish(newId(), command("ada@example.com", "shipment-notice", null, Map.of("orderId", "ord-3")));

        await().atMost(Duration.ofSeconds(10)).until(() -> stack.depth(ShopQueues.SHOP_DEAD) == 4);
        List<String> reasons = Arrays.asList(new String[4]);
        for (int i = 0; i < 4; i++) {
            reasons.set(i, String.valueOf(stack.take(ShopQueues.SHOP_DEAD).getProps().getHeaders()
                    .get(PoisonMessages.REASON_HEADER)));
        }
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("not a valid EmailCommand JSON"))
                .anySatisfy(r -> assertThat(r).contains("to must be a well-formed email address"))
                .anySatisfy(r -> assertThat(r).contains("template must match"))
                .anySatisfy(r -> assertThat(r).contains("model lacks [carrier, trackingNumber]"));
        assertThat(stack.depth(ShopQueues.EMAIL_DEAD)).isZero();
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    private GetResponse awaitOne(String queue) {
        GetResponse[] taken = new GetResponse[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> (taken[0] = stack.take(queue)) != null);
        return taken[0];
    }

    private MimeMessage awaitOneMail(String messageId) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> !mailsFor(messageId).isEmpty());
        return mailsFor(messageId).get(0);
    }

    private static List<MimeMessage> mailsFor(String messageId) {
        return Arrays.stream(GREEN_MAIL.getReceivedMessages())
                .filter(m -> messageId.equals(header(m, SmtpMailer.MESSAGE_ID_HEADER)))
                .toList();
    }

    private static String header(MimeMessage mail, String name) {
        try {
            String[] values = mail.getHeader(name);
            return values == null ? null : values[0];
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
