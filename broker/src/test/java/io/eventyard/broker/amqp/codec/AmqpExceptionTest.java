package io.eventyard.broker.amqp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventyard.broker.amqp.AmqpException;
import io.eventyard.broker.amqp.ReplyCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The error type every codec failure is reported with; it lives one package up. */
class AmqpExceptionTest {

    @Test
    void buildsRabbitMqReplyTextsForChannelErrors() {
        AmqpException e = AmqpException.channelError(ReplyCode.NOT_FOUND, "no queue 'q' in vhost '/'", 50, 10);

        assertThat(e.replyText()).isEqualTo("NOT_FOUND - no queue 'q' in vhost '/'");
        assertThat(e.replyCode()).isEqualTo(404);
        assertThat(e.closesConnection()).isFalse();
        assertThat(e.classId()).isEqualTo(50);
        assertThat(e.methodId()).isEqualTo(10);
        assertThat(e.getStackTrace()).as("a protocol outcome, not a bug").isEmpty();
    }

    @Test
    void buildsConnectionErrorsAndTheBareNameForAnEmptyDetail() {
        AmqpException e = AmqpException.connectionError(ReplyCode.INTERNAL_ERROR, "", 0, 0);

        assertThat(e.replyText()).isEqualTo("INTERNAL_ERROR");
        assertThat(e.closesConnection()).isTrue();
    }

    @Test
    void cutsTextsTo255BytesWithoutSplittingACharacter() {
        AmqpException e = AmqpException.channelError(ReplyCode.PRECONDITION_FAILED, "é".repeat(200), 0, 0);

        byte[] utf8 = e.replyText().getBytes(StandardCharsets.UTF_8);
        assertThat(utf8.length).isLessThanOrEqualTo(255);
        assertThat(e.replyText()).startsWith("PRECONDITION_FAILED - ééé").endsWith("é...");
    }

    @Test
    void namesEveryReplyCodeAsRabbitMqDoes() {
        assertThat(ReplyCode.name(ReplyCode.REPLY_SUCCESS)).isEqualTo("REPLY_SUCCESS");
        assertThat(ReplyCode.name(ReplyCode.PRECONDITION_FAILED)).isEqualTo("PRECONDITION_FAILED");
        assertThat(ReplyCode.name(ReplyCode.UNEXPECTED_FRAME)).isEqualTo("UNEXPECTED_FRAME");
        assertThat(ReplyCode.name(999)).isEqualTo("UNKNOWN_999");
    }

    @Test
    void classesReplyCodesAsTheSpecDoes() {
        assertThat(ReplyCode.isHardError(ReplyCode.FRAME_ERROR)).isTrue();
        assertThat(ReplyCode.isHardError(ReplyCode.CONNECTION_FORCED)).isTrue();
        assertThat(ReplyCode.isHardError(ReplyCode.NOT_FOUND)).isFalse();
        assertThat(ReplyCode.isHardError(ReplyCode.NO_ROUTE)).isFalse();
    }
}
