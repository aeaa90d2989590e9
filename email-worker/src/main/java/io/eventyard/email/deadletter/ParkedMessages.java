package io.eventyard.email.deadletter;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.eventyard.email.send.EmailCommand;
import io.eventyard.messaging.publish.ConfirmedPublisher;
import io.eventyard.messaging.topology.RoutingKeys;
import io.eventyard.messaging.topology.ShopExchanges;
import io.eventyard.messaging.topology.ShopQueues;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and replays the parking queue email.dead. Each operation uses a channel of its own, opened
 * and closed around it, so that fetching without ack cannot disturb the consumers' channels.
 *
 * <p>Listing fetches without ack and then gives everything back with one {@code basic.nack(requeue)},
 * so nothing is lost; parked messages are invisible to a concurrent replay for that moment.
 * Replay takes one message at a time, publishes a fresh copy to email/email.send with confirms, and
 * acks the parked one only after the confirm: a failure leaves it parked (at worst the command is
 * then both replayed and still parked, and the worker's inbox keeps the mail single).
 */
@Singleton
public class ParkedMessages {

    private static final Logger LOG = LoggerFactory.getLogger(ParkedMessages.class);

    private final Connection connection;
    private final ConfirmedPublisher publisher;
    private final ObjectMapper json;

    public ParkedMessages(Connection connection, ConfirmedPublisher publisher, ObjectMapper json) {
        this.connection = connection;
        this.publisher = publisher;
        this.json = json;
    }

    public List<ParkedMessage> list(int limit) throws IOException {
        List<ParkedMessage> parked = new ArrayList<>();
        try (Channel channel = connection.createChannel()) {
            long lastTag = -1;
            while (parked.size() < limit) {
                GetResponse response = channel.basicGet(ShopQueues.EMAIL_DEAD, false);
                if (response == null) {
                    break;
                }
                lastTag = response.getEnvelope().getDeliveryTag();
                parked.add(describe(response));
            }
            if (lastTag >= 0) {
                channel.basicNack(lastTag, true, true);
            }
        } catch (TimeoutException e) {
            throw new IOException("closing the listing channel timed out", e);
        }
        return parked;
    }

    /** Replays what was parked when it started; commands parked meanwhile wait for the next replay. */
    public ReplayResult replayAll() throws IOException {
        int replayed = 0;
        try (Channel channel = connection.createChannel()) {
            long waiting = channel.queueDeclarePassive(ShopQueues.EMAIL_DEAD).getMessageCount();
            for (long i = 0; i < waiting; i++) {
                GetResponse response = channel.basicGet(ShopQueues.EMAIL_DEAD, false);
                if (response == null) {
                    break;
                }
                long tag = response.getEnvelope().getDeliveryTag();
                try {
                    publisher.publish(ShopExchanges.EMAIL, RoutingKeys.EMAIL_SEND,
                            ParkingHeaders.fresh(response.getProps()), response.getBody());
                } catch (IOException e) {
                    channel.basicNack(tag, false, true);
                    LOG.warn("Replay stopped after {}: {}", replayed, e.toString());
                    return new ReplayResult(replayed, "replay stopped, the rest stay parked: " + e.getMessage());
                }
                channel.basicAck(tag, false);
                replayed++;
            }
        } catch (TimeoutException e) {
            throw new IOException("closing the replay channel timed out", e);
        }
        LOG.info("Replayed {} parked message(s) to {}", replayed, ShopQueues.EMAIL_SEND);
        return new ReplayResult(replayed, null);
    }

    private ParkedMessage describe(GetResponse response) {
        Map<String, Object> headers = response.getProps().getHeaders();
        EmailCommand command = readCommand(response.getBody());
        Object attempts = headers == null ? null : headers.get(ParkingHeaders.ATTEMPTS);
        return new ParkedMessage(
                response.getProps().getMessageId(),
                command == null ? null : command.to(),
                command == null ? null : command.template(),
                ParkingHeaders.text(headers, ParkingHeaders.REASON),
                ParkingHeaders.text(headers, ParkingHeaders.PARKED_AT),
                attempts instanceof Number n ? n.intValue() : null);
    }

    private EmailCommand readCommand(byte[] body) {
        try {
            return json.readValue(body, EmailCommand.class);
        } catch (IOException | RuntimeException e) {
            return null; // only valid commands are parked here, but a listing must never fail on one
        }
    }
}
