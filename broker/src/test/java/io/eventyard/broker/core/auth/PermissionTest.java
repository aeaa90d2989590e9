package io.eventyard.broker.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.PatternSyntaxException;

import org.junit.jupiter.api.Test;

/** RabbitMQ's permission check: each expression is searched in the resource name (re:run, not a full match). */
class PermissionTest {

    @Test
    void everythingExpressionAllowsEveryName() {
        Permission permission = new Permission("u", "/", ".*", ".*", ".*");

        for (Access access : Access.values()) {
            assertThat(permission.allows(access, "orders")).isTrue();
            assertThat(permission.allows(access, "amq.default")).isTrue();
        }
    }

    @Test
    void expressionIsSearchedAnywhereInTheName() {
        Permission permission = new Permission("u", "/", "order", "order", "order");

        assertThat(permission.allows(Access.READ, "order")).isTrue();
        assertThat(permission.allows(Access.READ, "my-orders")).isTrue();
        assertThat(permission.allows(Access.READ, "payments")).isFalse();
    }

    @Test
    void anchorsRestrictTheName() {
        Permission permission = new Permission("u", "/", "^app\\.", "^(amq\\.gen.*|amq\\.default)$", "^app\\.");

        assertThat(permission.allows(Access.CONFIGURE, "app.orders")).isTrue();
        assertThat(permission.allows(Access.CONFIGURE, "my.app.orders")).isFalse();
        assertThat(permission.allows(Access.WRITE, "amq.default")).isTrue();
        assertThat(permission.allows(Access.WRITE, "amq.gen-abc")).isTrue();
        assertThat(permission.allows(Access.WRITE, "amq.direct")).isFalse();
    }

    @Test
    void emptyExpressionGrantsNothing() {
        Permission permission = new Permission("u", "/", "", ".*", "");

        assertThat(permission.allows(Access.CONFIGURE, "orders")).isFalse();
        assertThat(permission.allows(Access.CONFIGURE, "amq.default")).isFalse();
        assertThat(permission.allows(Access.READ, "orders")).isFalse();
        assertThat(permission.allows(Access.WRITE, "orders")).isTrue();
    }

    @Test
    void eachAccessUsesItsOwnExpression() {
        Permission permission = new Permission("u", "/", "^c$", "^w$", "^r$");

        assertThat(permission.allows(Access.CONFIGURE, "c")).isTrue();
        assertThat(permission.allows(Access.CONFIGURE, "w")).isFalse();
        assertThat(permission.allows(Access.WRITE, "w")).isTrue();
        assertThat(permission.allows(Access.WRITE, "r")).isFalse();
        assertThat(permission.allows(Access.READ, "r")).isTrue();
        assertThat(permission.allows(Access.READ, "c")).isFalse();
    }

    @Test
    void keepsTheExpressionsAsGiven() {
        Permission permission = new Permission("u", "vh", "^c", "^w", "");

        assertThat(permission.user()).isEqualTo("u");
        assertThat(permission.vhost()).isEqualTo("vh");
        assertThat(permission.configure()).isEqualTo("^c");
        assertThat(permission.write()).isEqualTo("^w");
        assertThat(permission.read()).isEmpty();
    }

    @Test
    void invalidExpressionIsRefusedWhenThePermissionIsMade() {
        assertThatThrownBy(() -> new Permission("u", "/", "(", ".*", ".*"))
                .isInstanceOf(PatternSyntaxException.class);
    }
}
