package io.eventyard.bench.mqtt;

/**
 * What an idle-connections run found. Memory figures are null when the broker's process was not given or
 * could not be read (heap: not a JVM, or jcmd refused; RSS and sockets: /proc not readable).
 *
 * @param requested     connections asked for
 * @param held          connections CONNACKed and still open at the end of the hold
 * @param refused       CONNACKs refusing the connection, connects that failed, connections the broker closed
 * @param openSeconds   from the first connect to the last CONNACK (or failure)
 * @param pingsAnswered PINGRESPs received while holding
 * @param heapBefore    the broker's heap in use after a full GC, before the first connect
 * @param heapHolding   the same while holding the connections
 * @param rssBefore     the broker's resident set before the first connect
 * @param rssHolding    the same while holding
 * @param brokerSockets sockets the broker's process had open while holding (its listeners included)
 */
public record IdleFigures(int requested, int held, int refused, double openSeconds, long pingsAnswered,
                          Long heapBefore, Long heapHolding, Long rssBefore, Long rssHolding, Integer brokerSockets) {

    private static final double GIB = 1024.0 * 1024 * 1024;

    /** Heap bytes each held connection added, or null when unknown. */
    public Double heapPerConnection() {
        return perConnection(heapBefore, heapHolding);
    }

    /** Resident bytes each held connection added, or null when unknown. */
    public Double rssPerConnection() {
        return perConnection(rssBefore, rssHolding);
    }

    /** Connections one GiB of heap holds at the measured cost each (the broker's own baseline aside). */
    public Double connectionsPerGibOfHeap() {
        Double each = heapPerConnection();
        return each == null || each <= 0 ? null : GIB / each;
    }

    /** Connections one GiB of resident memory holds at the measured cost each. */
    public Double connectionsPerGibOfRss() {
        Double each = rssPerConnection();
        return each == null || each <= 0 ? null : GIB / each;
    }

    private Double perConnection(Long before, Long holding) {
        if (before == null || holding == null || held == 0) {
            return null;
        }
        return (holding - before) / (double) held;
    }
}
