package io.eventyard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;

import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.AMQImpl;
import org.junit.jupiter.api.Test;

class IncidentsTest {

    @Test
    void countsEachKindOnceInTheOrderFirstSeen() {
        Incidents incidents = new Incidents();

        incidents.report("publisher nack");
        incidents.report("no delivery for 2 s (from t=3 s)");
        incidents.report("publisher nack");

        assertThat(incidents.summary()).containsExactly("publisher nack (×2)", "no delivery for 2 s (from t=3 s)");
    }

    @Test
    void namesTheReplyOfABrokerInitiatedClose() {
        ShutdownSignalException cause = new ShutdownSignalException(true, false,
                new AMQImpl.Connection.Close(320, "CONNECTION_FORCED - shutdown", 0, 0), null);

        assertThat(Incidents.describeShutdown(cause)).isEqualTo("closed by broker: 320 CONNECTION_FORCED - shutdown");
    }

    @Test
    void namesTheIoFailureOfALostConnection() {
        // As the client's reader thread builds it when reading fails.
        ShutdownSignalException cause = new ShutdownSignalException(true, false, null, null);
        cause.initCause(new SocketTimeoutException("Read timed out"));

        assertThat(Incidents.describeShutdown(cause)).isEqualTo("lost: SocketTimeoutException: Read timed out");
    }
}
