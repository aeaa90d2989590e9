package io.eventyard.broker.core.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's topic permission on one topic exchange of a vhost, as RabbitMQ has them ({@code set_topic_permissions}):
 * a write and a read regular expression searched in a routing key (a publish's key for write, a binding key or an
 * MQTT subscription's for read). An empty expression stands for {@code ^$}, as in RabbitMQ, so it lets only the
 * empty key through.
 *
 * <p>The expressions may name the variables {@code {username}}, {@code {vhost}} and {@code {client_id}} (MQTT
 * only), filled in per check. A value is inserted quoted, so that a client id such as {@code dev+1} stands for
 * itself rather than for a pattern (RabbitMQ inserts it raw). A variable the check does not supply stays the
 * literal text {@code {name}}, which is what RabbitMQ's PCRE makes of it.
 *
 * <p>Compiled once when it names no variable; otherwise each expansion is compiled once and kept, the last
 * {@value #EXPANSIONS_KEPT} of them, since one user's checks repeat the same values. Core thread only.
 */
public final class TopicPermission {

    public static final String USERNAME = "username";
    public static final String VHOST = "vhost";
    public static final String CLIENT_ID = "client_id";

    static final int EXPANSIONS_KEPT = 64;

    private static final List<String> VARIABLES = List.of(USERNAME, VHOST, CLIENT_ID);

    private final String user;
    private final String vhost;
    private final String exchange;
    private final String write;
    private final String read;
    private final Expression writeExpression;
    private final Expression readExpression;

    /** @throws java.util.regex.PatternSyntaxException when an expression is not a regular expression */
    public TopicPermission(String user, String vhost, String exchange, String write, String read) {
        this.user = user;
        this.vhost = vhost;
        this.exchange = exchange;
        this.write = write;
        this.read = read;
        this.writeExpression = new Expression(write);
        this.readExpression = new Expression(read);
    }

    public String user() {
        return user;
    }

    public String vhost() {
        return vhost;
    }

    public String exchange() {
        return exchange;
    }

    public String write() {
        return write;
    }

    public String read() {
        return read;
    }

    /**
     * Whether {@code routingKey} may be written (published) or read (bound, subscribed) through the exchange.
     *
     * @param variables values for {@code {username}}, {@code {vhost}}, {@code {client_id}}; may lack any of them,
     *                  or be null for none
     * @throws IllegalArgumentException for {@link Access#CONFIGURE}, which topic permissions do not have
     */
    public boolean allows(Access access, String routingKey, Map<String, String> variables) {
        Expression expression = switch (access) {
            case WRITE -> writeExpression;
            case READ -> readExpression;
            case CONFIGURE -> throw new IllegalArgumentException("topic permissions have no configure access");
        };
        return expression.pattern(variables == null ? Map.of() : variables).matcher(routingKey).find();
    }

    /** The map of variables RabbitMQ fills in for a connection; {@code clientId} null for all but MQTT. */
    public static Map<String, String> variables(String user, String vhost, String clientId) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(USERNAME, user);
        variables.put(VHOST, vhost);
        if (clientId != null) {
            variables.put(CLIENT_ID, clientId);
        }
        return variables;
    }

    /** One of the two expressions, with its compiled forms. */
    private static final class Expression {

        private static final Pattern PLACEHOLDER = Pattern.compile("\\{(" + String.join("|", VARIABLES) + ")}");

        private final String regex;
        private final Pattern fixed;
        private final Map<String, Pattern> expansions = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
                return size() > EXPANSIONS_KEPT;
            }
        };

        Expression(String regex) {
            this.regex = regex.isEmpty() ? "^$" : regex;
            // Compiled with no values now, so that a bad expression is refused when set, not at the first check.
            Pattern unexpanded = Pattern.compile(expand(Map.of()));
            this.fixed = PLACEHOLDER.matcher(this.regex).find() ? null : unexpanded;
        }

        Pattern pattern(Map<String, String> variables) {
            if (fixed != null) {
                return fixed;
            }
            return expansions.computeIfAbsent(expand(variables), Pattern::compile);
        }

        private String expand(Map<String, String> variables) {
            Matcher placeholder = PLACEHOLDER.matcher(regex);
            StringBuilder expanded = new StringBuilder();
            while (placeholder.find()) {
                String value = variables.get(placeholder.group(1));
                String literal = value != null ? value : placeholder.group();
                placeholder.appendReplacement(expanded, Matcher.quoteReplacement(Pattern.quote(literal)));
            }
            placeholder.appendTail(expanded);
            return expanded.toString();
        }
    }
}
