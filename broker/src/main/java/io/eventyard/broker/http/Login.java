package io.eventyard.broker.http;

import io.eventyard.broker.Broker;
import io.eventyard.broker.core.BrokerCore;
import io.eventyard.broker.core.auth.User;
import jakarta.inject.Singleton;

/**
 * Checks HTTP callers against the broker's users, with the rules AMQP applies at connection.open: the
 * password must match, and the loopback-only user ({@code guest}) must come from a loopback address.
 * Each HTTP area answers a refusal in its own format.
 */
@Singleton
public final class Login {

    /** Why a login failed; {@link #text()} is RabbitMQ's wording. */
    public enum Refusal {
        BAD_CREDENTIALS("Login failed"),
        LOOPBACK_ONLY("User can only log in via localhost");

        private final String text;

        Refusal(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** A login's outcome: the user, or why there is none. */
    public record Result(User user, Refusal refusal) {

        public boolean succeeded() {
            return user != null;
        }
    }

    private final String loopbackOnlyUser;

    public Login(Broker broker) {
        this.loopbackOnlyUser = broker.config().loopbackOnlyUser();
    }

    /** Core thread only: reads the user table. */
    public Result check(BrokerCore core, BasicCredentials credentials) {
        User user = core.user(credentials.user());
        if (user == null || !user.passwordMatches(credentials.password())) {
            return new Result(null, Refusal.BAD_CREDENTIALS);
        }
        if (credentials.user().equals(loopbackOnlyUser) && !credentials.fromLoopback()) {
            return new Result(null, Refusal.LOOPBACK_ONLY);
        }
        return new Result(user, null);
    }
}
