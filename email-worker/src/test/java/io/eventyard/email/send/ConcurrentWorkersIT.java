package io.eventyard.email.send;

import static io.eventyard.email.WorkerStack.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.eventyard.email.WorkerStack;
import io.eventyard.email.smtp.SmtpMailer;
import io.micronaut.context.ApplicationContext;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two worker instances on one queue and one database, each command published twice: the two copies
 * are often handled at the same moment by different instances, and still each command is mailed once.
 */
class ConcurrentWorkersIT {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path brokerDir;

    @Test
    void twoInstancesSharingTheInboxMailEachCommandOnce() throws Exception {
        String database = "jdbc:h2:mem:shared-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        int smtpPort = GREEN_MAIL.getSmtp().getPort();
        try (WorkerStack stack = WorkerStack.start(brokerDir, smtpPort, Map.of("datasources.default.url", database));
             ApplicationContext second = stack.startAnotherWorker(smtpPort, Map.of("datasources.default.url", database))) {
            int commands = 20;
            for (int i = 0; i < commands; i++) {
                String id = UUID.randomUUID().toString();
                String body = command("buyer" + i + "@example.com", "order-confirmation", id,
                        Map.of("orderId", "ord-" + i, "total", "1.00 EUR"));
                stack.publish(id, body);
                stack.publish(id, body);
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> GREEN_MAIL.getReceivedMessages().length >= commands);
            stack.awaitIdle();
            Thread.sleep(500);
            Map<String, Long> mailsPerId = Arrays.stream(GREEN_MAIL.getReceivedMessages())
                    .collect(Collectors.groupingBy(ConcurrentWorkersIT::messageId, Collectors.counting()));
            assertThat(mailsPerId).hasSize(commands);
            assertThat(mailsPerId.values()).allMatch(count -> count == 1);
        }
    }

    private static String messageId(MimeMessage mail) {
        try {
            return mail.getHeader(SmtpMailer.MESSAGE_ID_HEADER)[0];
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
