package io.eventyard.bench.orders;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * The order chain benchmark: places orders with order-service over HTTP, at a rate or as fast as it can,
 * and times each until its {@code order.shipped} event comes back over AMQP. Prints orders placed and
 * SHIPPED per second and the percentiles of placed-to-shipped and of the HTTP answer. The stack must be
 * running ({@code bench/compare-orders.sh} starts it on each broker in turn). Per-second progress goes to
 * stderr, results to stdout.
 *
 * <p>Exit status: 0 when the run could be done (errors and missing shipments are reported, not fatal),
 * 1 when it could not (no broker, no order-service), 2 on a bad command line.
 */
public final class OrderLoad {

    private OrderLoad() {
    }

    public static void main(String[] args) throws InterruptedException {
        OrderLoadOptions options;
        try {
            if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
                System.out.println(OrderLoadOptions.USAGE);
                return;
            }
            options = OrderLoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(OrderLoadOptions.USAGE);
            System.exit(2);
            return;
        }
        System.out.printf("== orders @ %s: %s%n   %s%n", options.name(), options.describe(),
                OrderLoadResult.endpoints(options));
        OrderLoadResult result = new OrderLoadRun(options, options.quiet() ? null : System.err).run();
        print(System.out, result);
        System.out.printf(Locale.ROOT, "   load generator CPU: %.1f s%n", cpuSeconds());
        if (options.resultFile() != null) {
            try {
                result.write(options.resultFile());
            } catch (IOException e) {
                System.err.println("could not write " + options.resultFile() + ": " + e.getMessage());
                System.exit(1);
            }
        }
        System.out.println();
        System.out.print(new OrderComparisonTable(List.of(result)).render());
        System.exit(result.isFailed() ? 1 : 0);
    }

    static void print(PrintStream out, OrderLoadResult result) {
        if (result.isFailed()) {
            out.println("   FAILED: " + result.failure());
            result.errors().forEach(error -> out.println("   error: " + error));
            return;
        }
        out.printf(Locale.ROOT, "   broker: %s%n", result.server());
        out.printf(Locale.ROOT, "   orders placed/s %,.1f   orders SHIPPED/s %,.1f   (%,d placed, %,d shipped in %.1f s;"
                        + " %,d placed in all)%n",
                result.placedRate(), result.shippedRate(), result.placed(), result.shipped(), result.seconds(),
                result.placedTotal());
        printLatency(out, "placed → SHIPPED", result.placedToShipped());
        printLatency(out, "POST /orders    ", result.post());
        out.printf(Locale.ROOT, "   not SHIPPED %.0f s after the last order: %,d of %,d (waited %.1f s)%n",
                result.drainTimeoutSeconds(), result.notShipped(), result.placedTotal(), result.drainSeconds());
        if (result.notSent() > 0) {
            out.printf(Locale.ROOT, "   due but not sent (every slot busy): %,d%n", result.notSent());
        }
        if (result.duplicates() > 0) {
            out.printf(Locale.ROOT, "   duplicate order.shipped events: %,d%n", result.duplicates());
        }
        out.println("   parked in shop.dead / email.dead after the run: " + result.parked());
        result.errors().forEach(error -> out.println("   error: " + error));
    }

    /** This process's CPU time so far, so that a run can show what the generator itself took. */
    private static double cpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    private static void printLatency(PrintStream out, String name, LatencyPercentiles latency) {
        out.printf(Locale.ROOT, "   %s ms  %s: %s  (%,d orders)%n", name, LatencyPercentiles.COLUMNS,
                latency.toMillisRow(), latency.count());
    }
}
