package io.eventyard.broker.core.auth;

import java.util.regex.Pattern;

/**
 * A user's rights on one virtual host, as RabbitMQ has them: three regular expressions searched in the
 * resource name (RabbitMQ's {@code re:run}). An empty expression matches nothing. Compiled once, since
 * every publish is checked.
 */
public final class Permission {

    private final String user;
    private final String vhost;
    private final String configure;
    private final String write;
    private final String read;
    private final Pattern configurePattern;
    private final Pattern writePattern;
    private final Pattern readPattern;

    public Permission(String user, String vhost, String configure, String write, String read) {
        this.user = user;
        this.vhost = vhost;
        this.configure = configure;
        this.write = write;
        this.read = read;
        this.configurePattern = compile(configure);
        this.writePattern = compile(write);
        this.readPattern = compile(read);
    }

    private static Pattern compile(String regex) {
        return regex.isEmpty() ? null : Pattern.compile(regex);
    }

    public String user() {
        return user;
    }

    public String vhost() {
        return vhost;
    }

    public String configure() {
        return configure;
    }

    public String write() {
        return write;
    }

    public String read() {
        return read;
    }

    public boolean allows(Access access, String resource) {
        Pattern pattern = switch (access) {
            case CONFIGURE -> configurePattern;
            case WRITE -> writePattern;
            case READ -> readPattern;
        };
        return pattern != null && pattern.matcher(resource).find();
    }
}
