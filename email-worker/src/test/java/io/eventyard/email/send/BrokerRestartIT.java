package io.eventyard.email.send;

import static io.eventyard.email.WorkerStack.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.eventyard.email.WorkerStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The worker reconnects by itself after the broker restarts, and commands published after that are mailed. */
class BrokerRestartIT {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path brokerDir;

    @Test
    void mailsCommandsPublishedAfterABrokerRestart() throws Exception {
        try (WorkerStack stack = WorkerStack.start(brokerDir, GREEN_MAIL.getSmtp().getPort(), Map.of())) {
            String before = UUID.randomUUID().toString();
            stack.publish(before, command("ada@example.com", "order-confirmation", before,
                    Map.of("orderId", "ord-before", "total", "5.00 EUR")));
            await().atMost(Duration.ofSeconds(10)).until(() -> GREEN_MAIL.getReceivedMessages().length == 1);

            stack.restartBroker();

            String after = UUID.randomUUID().toString();
            stack.publish(after, command("ada@example.com", "order-confirmation", after,
                    Map.of("orderId", "ord-after", "total", "6.00 EUR")));
            await().atMost(Duration.ofSeconds(30)).until(() -> GREEN_MAIL.getReceivedMessages().length == 2);
            assertThat(GREEN_MAIL.getReceivedMessages()[1].getSubject()).isEqualTo("Your order ord-after is confirmed");
        }
    }
}
