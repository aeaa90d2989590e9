package io.eventyard.email.deadletter;

import static io.eventyard.email.WorkerStack.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.eventyard.email.WorkerStack;
import io.eventyard.email.smtp.ScriptedSmtpServer;
import io.eventyard.email.smtp.SmtpMailer;
import io.eventyard.messaging.topology.ShopQueues;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** SMTP failing for good: the command is parked, listed without being lost, and replayed once SMTP is back. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterAdminIT {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    private static final Argument<List<ParkedMessage>> PARKED_LIST = Argument.listOf(ParkedMessage.class);

    @TempDir
    Path brokerDir;

    private ScriptedSmtpServer smtp;
    private WorkerStack stack;

    @BeforeAll
    void start() throws Exception {
        smtp = new ScriptedSmtpServer(ScriptedSmtpServer.Behaviour.GREET_421, GREEN_MAIL.getSmtp().getPort());
        stack = WorkerStack.start(brokerDir, smtp.port(), Map.of("email.max-attempts", 3));
    }

    @AfterAll
    void stop() throws Exception {
        stack.close();
        smtp.close();
    }

    @Test
    void aCommandSmtpKeepsRefusingIsParkedListedAndReplayedOnceSmtpRecovers() throws Exception {
        String id = UUID.randomUUID().toString();
        stack.publish(id, command("ada@example.com", "payment-failed", id,
                Map.of("orderId", "ord-9", "reason", "card declined")));

        List<ParkedMessage> parked = awaitParked(1);
        ParkedMessage message = parked.get(0);
        assertThat(message.messageId()).isEqualTo(id);
        assertThat(message.to()).isEqualTo("ada@example.com");
        assertThat(message.template()).isEqualTo("payment-failed");
        assertThat(message.reason()).startsWith("gave up after 3 attempts: SMTP 421");
        assertThat(message.attempts()).isEqualTo(3);
        assertThat(Instant.parse(message.parkedAt())).isBeforeOrEqualTo(Instant.now());
        assertThat(smtp.connections()).isEqualTo(3);

        // listing does not consume: the same message is still parked, twice over
        assertThat(list()).containsExactly(message);
        assertThat(stack.depth(ShopQueues.EMAIL_DEAD)).isEqualTo(1);
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();

        smtp.behave(ScriptedSmtpServer.Behaviour.RELAY);
        ReplayResult result = stack.http().retrieve(HttpRequest.POST("/admin/dead-letters/replay", ""), ReplayResult.class);
        assertThat(result).isEqualTo(new ReplayResult(1, null));

        await().atMost(Duration.ofSeconds(10)).until(() -> mailsFor(id).size() == 1);
        stack.awaitIdle();
        Thread.sleep(300);
        List<MimeMessage> mails = mailsFor(id);
        assertThat(mails).hasSize(1);
        // a fresh message: its attempt count started again from the first
        assertThat(mails.get(0).getHeader(SmtpMailer.ATTEMPT_HEADER)).containsExactly("1");
        assertThat(mails.get(0).getSubject()).isEqualTo("Payment failed for order ord-9");
        assertThat(stack.depth(ShopQueues.EMAIL_DEAD)).isZero();
        assertThat(list()).isEmpty();

        // nothing is left to replay
        assertThat(stack.http().retrieve(HttpRequest.POST("/admin/dead-letters/replay", ""), ReplayResult.class))
                .isEqualTo(new ReplayResult(0, null));
    }

    private List<ParkedMessage> awaitParked(int count) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> list().size() == count);
        return list();
    }

    private List<ParkedMessage> list() {
        return stack.http().retrieve(HttpRequest.GET("/admin/dead-letters"), PARKED_LIST);
    }

    private static List<MimeMessage> mailsFor(String messageId) {
        return Arrays.stream(GREEN_MAIL.getReceivedMessages()).filter(m -> {
            try {
                String[] ids = m.getHeader(SmtpMailer.MESSAGE_ID_HEADER);
                return ids != null && ids[0].equals(messageId);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
