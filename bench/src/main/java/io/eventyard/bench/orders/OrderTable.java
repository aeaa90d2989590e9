package io.eventyard.bench.orders;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts result files of {@link OrderLoad} ({@code --result-file}) side by side in one Markdown table, in the
 * order given: {@code java -cp eventyard-bench-all.jar io.eventyard.bench.orders.OrderTable FILE...}.
 */
public final class OrderTable {

    private OrderTable() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: OrderTable RESULT-FILE...");
            System.exit(2);
            return;
        }
        List<OrderLoadResult> results = new ArrayList<>();
        for (String file : args) {
            try {
                results.add(OrderLoadResult.read(Path.of(file)));
            } catch (IOException e) {
                System.err.println("cannot read " + file + ": " + e.getMessage());
                System.exit(1);
                return;
            }
        }
        System.out.print(new OrderComparisonTable(results).render());
    }
}
