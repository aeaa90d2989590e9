package io.eventyard.broker.amqp;

/**
 * The reply codes of AMQP 0-9-1 (spec section 1.2, "constants"), under the names RabbitMQ gives them. A reply text
 * on the wire starts with the name: {@code "NOT_FOUND - no queue 'q' in vhost '/'"}.
 */
public final class ReplyCode {

    public static final int REPLY_SUCCESS = 200;
    public static final int CONTENT_TOO_LARGE = 311;
    public static final int NO_ROUTE = 312;
    public static final int NO_CONSUMERS = 313;
    public static final int CONNECTION_FORCED = 320;
    public static final int INVALID_PATH = 402;
    public static final int ACCESS_REFUSED = 403;
    public static final int NOT_FOUND = 404;
    public static final int RESOURCE_LOCKED = 405;
    public static final int PRECONDITION_FAILED = 406;
    public static final int FRAME_ERROR = 501;
    public static final int SYNTAX_ERROR = 502;
    public static final int COMMAND_INVALID = 503;
    public static final int CHANNEL_ERROR = 504;
    public static final int UNEXPECTED_FRAME = 505;
    public static final int RESOURCE_ERROR = 506;
    public static final int NOT_ALLOWED = 530;
    public static final int NOT_IMPLEMENTED = 540;
    public static final int INTERNAL_ERROR = 541;

    private ReplyCode() {
    }

    /** RabbitMQ's name of a code, e.g. {@code "NOT_FOUND"}; {@code "UNKNOWN_<code>"} for a code outside the spec. */
    public static String name(int code) {
        switch (code) {
            case REPLY_SUCCESS: return "REPLY_SUCCESS";
            case CONTENT_TOO_LARGE: return "CONTENT_TOO_LARGE";
            case NO_ROUTE: return "NO_ROUTE";
            case NO_CONSUMERS: return "NO_CONSUMERS";
            case CONNECTION_FORCED: return "CONNECTION_FORCED";
            case INVALID_PATH: return "INVALID_PATH";
            case ACCESS_REFUSED: return "ACCESS_REFUSED";
            case NOT_FOUND: return "NOT_FOUND";
            case RESOURCE_LOCKED: return "RESOURCE_LOCKED";
            case PRECONDITION_FAILED: return "PRECONDITION_FAILED";
            case FRAME_ERROR: return "FRAME_ERROR";
            case SYNTAX_ERROR: return "SYNTAX_ERROR";
            case COMMAND_INVALID: return "COMMAND_INVALID";
            case CHANNEL_ERROR: return "CHANNEL_ERROR";
            case UNEXPECTED_FRAME: return "UNEXPECTED_FRAME";
            case RESOURCE_ERROR: return "RESOURCE_ERROR";
            case NOT_ALLOWED: return "NOT_ALLOWED";
            case NOT_IMPLEMENTED: return "NOT_IMPLEMENTED";
            case INTERNAL_ERROR: return "INTERNAL_ERROR";
            default: return "UNKNOWN_" + code;
        }
    }

    /**
     * Whether the spec classes the code as a "hard error", one that can only be answered by closing the connection
     * (spec section 1.2). The others (311-313, 403-406) are "soft errors" that close a channel.
     */
    public static boolean isHardError(int code) {
        switch (code) {
            case CONNECTION_FORCED:
            case INVALID_PATH:
            case FRAME_ERROR:
            case SYNTAX_ERROR:
            case COMMAND_INVALID:
            case CHANNEL_ERROR:
            case UNEXPECTED_FRAME:
            case RESOURCE_ERROR:
            case NOT_ALLOWED:
            case NOT_IMPLEMENTED:
            case INTERNAL_ERROR:
                return true;
            default:
                return false;
        }
    }
}
