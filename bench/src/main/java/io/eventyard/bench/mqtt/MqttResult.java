package io.eventyard.bench.mqtt;

import java.util.List;

import io.eventyard.bench.orders.LatencyPercentiles;

/**
 * One run's figures: a workload against a target.
 *
 * @param failure        why the run could not be done, or null
 * @param seconds        length of the measured window
 * @param sent           publishes issued in the window
 * @param received       deliveries (all subscribers) that arrived in the window
 * @param endToEnd       publish to delivery, for deliveries in the window
 * @param publishDone    publish to its completion (QoS 0: written; QoS 1: PUBACK; QoS 2: PUBCOMP)
 * @param lost           messages (any time in the run, warm-up included) some subscriber never got
 * @param duplicates     second and later copies some subscriber got
 * @param idle           idle-connection figures, or null for pub/sub runs
 * @param incidents      what went wrong, each kind once with a count
 */
public record MqttResult(Layout layout, MqttWorkload workload, String target, String failure, double seconds,
                         long sent, long received, LatencyPercentiles endToEnd, LatencyPercentiles publishDone,
                         long lost, long duplicates, IdleFigures idle, List<String> incidents) {

    public MqttResult {
        incidents = List.copyOf(incidents);
    }

    public static MqttResult failed(MqttWorkload workload, String target, String failure, List<String> incidents) {
        return new MqttResult(workload.layout(), workload, target, failure, 0, 0, 0, LatencyPercentiles.NONE,
                LatencyPercentiles.NONE, 0, 0, null, incidents);
    }

    public boolean isFailed() {
        return failure != null;
    }

    public double sentRate() {
        return seconds > 0 ? sent / seconds : 0;
    }

    public double receivedRate() {
        return seconds > 0 ? received / seconds : 0;
    }
}
