package io.eventyard.bench.orders;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The command line of {@link OrderLoad}: where the stack is, how hard to push it, for how long.
 *
 * @param name         the column header in the comparison table, e.g. {@code bundled}
 * @param orderUrl     order-service's base URL; orders go to {@code POST {orderUrl}/orders}
 * @param amqpUri      the broker the services use, where {@code order.shipped} is heard
 * @param rate         orders per second on an open-loop schedule, or {@link #AS_FAST_AS_POSSIBLE}
 * @param concurrency  requests in flight at most: the fixed number of senders when as fast as possible,
 *                     a cap (so a stalled service cannot make the generator open thousands of
 *                     connections) on an open-loop schedule
 * @param warmup       placed but not measured
 * @param duration     the measured window
 * @param drainTimeout how long after the last order to wait for the missing {@code order.shipped} events
 * @param paymentToken the card token of every order; {@code tok_approve} gets orders shipped
 * @param resultFile   where to write the figures for {@link OrderTable}, or {@code null}
 * @param quiet        no per-second progress lines
 */
public record OrderLoadOptions(String name, URI orderUrl, String amqpUri, double rate, int concurrency,
                               Duration warmup, Duration duration, Duration drainTimeout, String paymentToken,
                               Path resultFile, boolean quiet) {

    public static final double AS_FAST_AS_POSSIBLE = 0;
    public static final String DEFAULT_ORDER_URL = "http://127.0.0.1:8081";
    public static final String DEFAULT_AMQP_URI = "amqp://guest:guest@127.0.0.1:5672/%2F";
    static final int DEFAULT_CAP_IN_FLIGHT = 64;
    static final int DEFAULT_CONCURRENCY = 8;

    public static final String USAGE = String.join("\n",
            "usage: java -cp eventyard-bench-all.jar io.eventyard.bench.orders.OrderLoad [options]",
            "",
            "Places orders over HTTP and times each until its order.shipped event arrives.",
            "",
            "  --order-url URL       order-service (default " + DEFAULT_ORDER_URL + ")",
            "  --amqp-uri URI        the services' broker, to hear order.shipped (default " + DEFAULT_AMQP_URI + ";",
            "                        %2F is the vhost '/', a bare trailing '/' the empty vhost)",
            "  --rate N|max          orders/s on an open-loop schedule, latency counted from when each order",
            "                        was due; 'max': --concurrency senders, each places its next order when",
            "                        the previous one is answered (default 20)",
            "  --concurrency C       senders with --rate max (default " + DEFAULT_CONCURRENCY + "); with a rate, the",
            "                        most requests in flight (default " + DEFAULT_CAP_IN_FLIGHT + ")",
            "  --duration S          measured seconds (default 30)",
            "  --warmup S            seconds of orders placed before measuring (default 10)",
            "  --drain-timeout S     seconds to wait after the last order for missing shipments (default 60)",
            "  --payment-token T     card token of every order (default tok_approve)",
            "  --name NAME           the target's column in the table (default target)",
            "  --result-file PATH    also write the figures there, for OrderTable",
            "  --quiet               no per-second progress on stderr");

    public OrderLoadOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(orderUrl, "orderUrl");
        Objects.requireNonNull(amqpUri, "amqpUri");
        if (!"http".equals(orderUrl.getScheme()) && !"https".equals(orderUrl.getScheme())) {
            throw new IllegalArgumentException("--order-url must be an http(s) URL, was " + orderUrl);
        }
        if (!amqpUri.startsWith("amqp://") && !amqpUri.startsWith("amqps://")) {
            throw new IllegalArgumentException("--amqp-uri must be an amqp:// URI, was " + amqpUri);
        }
        if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("--rate must be a positive number or max");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("--concurrency must be at least 1");
        }
        if (duration.isZero() || duration.isNegative() || warmup.isNegative() || drainTimeout.isNegative()) {
            throw new IllegalArgumentException("--duration must be positive, --warmup and --drain-timeout not negative");
        }
        if (!paymentToken.matches("tok_[A-Za-z0-9_]{1,64}")) {
            throw new IllegalArgumentException("--payment-token must look like tok_..., was " + paymentToken);
        }
    }

    public static OrderLoadOptions parse(String... args) {
        String name = "target";
        String orderUrl = DEFAULT_ORDER_URL;
        String amqpUri = DEFAULT_AMQP_URI;
        double rate = 20;
        Integer concurrency = null;
        Duration duration = Duration.ofSeconds(30);
        Duration warmup = Duration.ofSeconds(10);
        Duration drainTimeout = Duration.ofSeconds(60);
        String paymentToken = "tok_approve";
        Path resultFile = null;
        boolean quiet = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            String value = null;
            int equals = option.indexOf('=');
            if (option.startsWith("--") && equals > 0) {
                value = option.substring(equals + 1);
                option = option.substring(0, equals);
            }
            if (option.equals("--quiet")) {
                quiet = true;
                continue;
            }
            if (!option.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + option);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                value = args[++i];
            }
            switch (option) {
                case "--name" -> name = value;
                case "--order-url" -> orderUrl = value;
                case "--amqp-uri" -> amqpUri = value;
                case "--rate" -> rate = value.equals("max") ? AS_FAST_AS_POSSIBLE : positive(option, value);
                case "--concurrency" -> concurrency = (int) wholeNumber(option, value);
                case "--duration" -> duration = seconds(option, value);
                case "--warmup" -> warmup = seconds(option, value);
                case "--drain-timeout" -> drainTimeout = seconds(option, value);
                case "--payment-token" -> paymentToken = value;
                case "--result-file" -> resultFile = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        int inFlight = concurrency != null ? concurrency
                : rate == AS_FAST_AS_POSSIBLE ? DEFAULT_CONCURRENCY : DEFAULT_CAP_IN_FLIGHT;
        URI url;
        try {
            url = new URI(orderUrl.endsWith("/") ? orderUrl.substring(0, orderUrl.length() - 1) : orderUrl);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("--order-url must be an http(s) URL, was " + orderUrl);
        }
        return new OrderLoadOptions(name, url, amqpUri, rate, inFlight, warmup, duration, drainTimeout,
                paymentToken, resultFile, quiet);
    }

    /** Whether orders follow a schedule (open loop) rather than each sender's last answer. */
    public boolean openLoop() {
        return rate != AS_FAST_AS_POSSIBLE;
    }

    /** {@code POST} goes here. */
    public URI ordersEndpoint() {
        return URI.create(orderUrl + "/orders");
    }

    /** The workload in one line, the same for every target: the table's row title. */
    public String describe() {
        String pace = openLoop()
                ? String.format(Locale.ROOT, "%s orders/s open loop (≤ %d in flight)", number(rate), concurrency)
                : String.format(Locale.ROOT, "as fast as possible, %d concurrent", concurrency);
        String token = paymentToken.equals("tok_approve") ? "" : ", token " + paymentToken;
        return String.format(Locale.ROOT, "%s, %s s after %s s warm-up%s", pace,
                number(duration.toMillis() / 1000.0), number(warmup.toMillis() / 1000.0), token);
    }

    /** The password-free form of the AMQP URI, fit for printing. */
    public String displayAmqpUri() {
        return amqpUri.replaceFirst("^(amqps?://[^:@/]*):[^@/]*@", "$1:***@");
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static double positive(String option, String value) {
        double number;
        try {
            number = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, was '" + value + "'");
        }
        if (!(number > 0) || Double.isInfinite(number)) {
            throw new IllegalArgumentException(option + " must be positive, was '" + value + "'");
        }
        return number;
    }

    private static long wholeNumber(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, was '" + value + "'");
        }
    }

    private static Duration seconds(String option, String value) {
        double seconds;
        try {
            seconds = Double.parseDouble(value.endsWith("s") ? value.substring(0, value.length() - 1) : value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number of seconds, was '" + value + "'");
        }
        if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException(option + " must not be negative, was '" + value + "'");
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
