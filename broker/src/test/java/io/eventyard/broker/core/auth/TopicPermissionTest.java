package io.eventyard.broker.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.regex.PatternSyntaxException;

import org.junit.jupiter.api.Test;

/** RabbitMQ's topic permission: write and read expressions searched in a routing key, with variables filled in. */
class TopicPermissionTest {

    private static final Map<String, String> NO_VARIABLES = Map.of();

    @Test
    void writeAndReadAreCheckedAgainstTheirOwnExpression() {
        TopicPermission permission = new TopicPermission("u", "/", "amq.topic", "^home\\.", "^office\\.");

        assertThat(permission.allows(Access.WRITE, "home.kitchen", NO_VARIABLES)).isTrue();
        assertThat(permission.allows(Access.WRITE, "office.desk", NO_VARIABLES)).isFalse();
        assertThat(permission.allows(Access.READ, "office.desk", NO_VARIABLES)).isTrue();
        assertThat(permission.allows(Access.READ, "home.kitchen", NO_VARIABLES)).isFalse();
    }

    @Test
    void expressionIsSearchedAnywhereInTheKeyUnlessAnchored() {
        TopicPermission permission = new TopicPermission("u", "/", "x", "light", "^light$");

        assertThat(permission.allows(Access.WRITE, "home.light.on", NO_VARIABLES)).isTrue();
        assertThat(permission.allows(Access.READ, "home.light.on", NO_VARIABLES)).isFalse();
        assertThat(permission.allows(Access.READ, "light", NO_VARIABLES)).isTrue();
    }

    @Test
    void emptyExpressionLetsOnlyTheEmptyKeyThrough() {
        TopicPermission permission = new TopicPermission("u", "/", "x", "", "");

        assertThat(permission.allows(Access.WRITE, "", NO_VARIABLES)).isTrue();
        assertThat(permission.allows(Access.WRITE, "a", NO_VARIABLES)).isFalse();
        assertThat(permission.allows(Access.READ, "#", NO_VARIABLES)).isFalse();
    }

    @Test
    void usernameVhostAndClientIdAreFilledIn() {
        TopicPermission permission = new TopicPermission("u", "/", "amq.topic",
                "^{username}\\.{client_id}\\.", "^{vhost}\\.{username}\\.");
        Map<String, String> variables = TopicPermission.variables("alice", "shop", "sensor-1");

        assertThat(permission.allows(Access.WRITE, "alice.sensor-1.temp", variables)).isTrue();
        assertThat(permission.allows(Access.WRITE, "alice.sensor-2.temp", variables)).isFalse();
        assertThat(permission.allows(Access.WRITE, "bob.sensor-1.temp", variables)).isFalse();
        assertThat(permission.allows(Access.READ, "shop.alice.#", variables)).isTrue();
        assertThat(permission.allows(Access.READ, "shop.bob.#", variables)).isFalse();
    }

    @Test
    void theSameVariableMayAppearTwice() {
        TopicPermission permission = new TopicPermission("u", "/", "x", "^{username}\\.to\\.{username}$", ".*");

        assertThat(permission.allows(Access.WRITE, "al.to.al", TopicPermission.variables("al", "/", null))).isTrue();
        assertThat(permission.allows(Access.WRITE, "al.to.bo", TopicPermission.variables("al", "/", null))).isFalse();
    }

    @Test
    void eachCheckUsesItsOwnValues() {
        TopicPermission permission = new TopicPermission("u", "/", "x", "^{client_id}$", ".*");

        for (int i = 0; i < TopicPermission.EXPANSIONS_KEPT * 2; i++) {
            Map<String, String> variables = TopicPermission.variables("u", "/", "c" + i);
            assertThat(permission.allows(Access.WRITE, "c" + i, variables)).isTrue();
            assertThat(permission.allows(Access.WRITE, "c" + (i + 1), variables)).isFalse();
        }
    }

    @Test
    void valuesStandForThemselvesNotForPatterns() {
        TopicPermission permission = new TopicPermission("u", "/", "x", "^{client_id}\\.", ".*");
        Map<String, String> plus = TopicPermission.variables("u", "/", "dev+1");
        Map<String, String> dot = TopicPermission.variables("u", "/", "a.b");

        assertThat(permission.allows(Access.WRITE, "dev+1.temp", plus)).isTrue();
        assertThat(permission.allows(Access.WRITE, "devv1.temp", plus)).isFalse();
        assertThat(permission.allows(Access.WRITE, "aXb.temp", dot)).isFalse();
    }

    @Test
    void aVariableTheCheckDoesNotSupplyStaysLiteralText() {
        TopicPermission permission = new TopicPermission("u", "/", "x", "^{client_id}\\.", ".*");
        Map<String, String> amqp = TopicPermission.variables("u", "/", null);

        assertThat(permission.allows(Access.WRITE, "anything.at.all", amqp)).isFalse();
        assertThat(permission.allows(Access.WRITE, "{client_id}.x", amqp)).isTrue();
    }

    @Test
    void ordinaryRepetitionBracesStillWork() {
        TopicPermission permission = new TopicPermission("u", "/", "x", "^room\\.[0-9]{3}$", ".*");

        assertThat(permission.allows(Access.WRITE, "room.101", NO_VARIABLES)).isTrue();
        assertThat(permission.allows(Access.WRITE, "room.1011", NO_VARIABLES)).isFalse();
    }

    @Test
    void aBadExpressionIsRefusedWhenSetNotAtTheFirstCheck() {
        assertThatThrownBy(() -> new TopicPermission("u", "/", "x", "(", ".*"))
                .isInstanceOf(PatternSyntaxException.class);
        assertThatThrownBy(() -> new TopicPermission("u", "/", "x", ".*", "a{username"))
                .isInstanceOf(PatternSyntaxException.class);
    }

    @Test
    void thereIsNoConfigureAccessOnTopics() {
        TopicPermission permission = new TopicPermission("u", "/", "x", ".*", ".*");

        assertThatThrownBy(() -> permission.allows(Access.CONFIGURE, "k", NO_VARIABLES))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
