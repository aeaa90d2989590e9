package io.eventyard.simulator.cli;

import io.eventyard.simulator.SimulatedDevice;
import io.eventyard.simulator.fleet.Fleet;
import io.eventyard.simulator.home.Homes;
import io.eventyard.simulator.mqtt.ConnectionChaos;
import io.eventyard.simulator.mqtt.DeviceNetwork;
import io.eventyard.simulator.mqtt.PublishCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/** A running simulation: its devices on one {@link DeviceNetwork}, a status line, chaos if asked for. */
public final class Simulation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);

    private final SimulationSettings settings;
    private final DeviceNetwork network;
    private final List<SimulatedDevice> devices;
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "simulator-housekeeping");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final LongAdder readingsSent = new LongAdder();

    private Simulation(SimulationSettings settings) {
        this.settings = settings;
        this.network = new DeviceNetwork(settings.broker(), settings.clientIdPrefix(), settings.threads());
        Clock clock = Clock.systemUTC();
        var seeds = new SplittableRandom(settings.seed());
        this.devices = new ArrayList<>(Homes.build(settings.homeSettings(), network, clock, seeds.nextLong(),
                readingsSent));
        devices.addAll(Fleet.build(settings.vehicles(), settings.positionInterval(), network, clock, seeds.nextLong()));
    }

    /** Starts every device; returns at once (devices that cannot connect yet keep trying in the background). */
    public static Simulation start(SimulationSettings settings) {
        var simulation = new Simulation(settings);
        simulation.run();
        return simulation;
    }

    private void run() {
        LOG.info("simulating {} homes and {} vehicles ({} devices) against {}{}", settings.homes(), settings.vehicles(),
                devices.size(), network.broker(),
                settings.rate() == null ? "" : ", " + settings.rate() + " readings/s");
        for (SimulatedDevice device : devices) {
            device.start();
            device.connection().start();
        }
        var status = settings.statusInterval().toMillis();
        housekeeping.scheduleAtFixedRate(this::logStatus, status, status, TimeUnit.MILLISECONDS);
        if (settings.chaosInterval() != null) {
            new ConnectionChaos(network.connections(), settings.chaosInterval(), new SplittableRandom(settings.seed()))
                    .start(housekeeping);
        }
        if (settings.duration() != null) {
            housekeeping.schedule(ended::countDown, settings.duration().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void logStatus() {
        PublishCounters c = network.counters();
        LOG.info("online {}/{}, published {}, acked {}, dropped {}, reconnects {}", network.online(), devices.size(),
                c.published(), c.acknowledged(), c.dropped(), c.reconnects());
    }

    public DeviceNetwork network() {
        return network;
    }

    /** Sensor readings sent so far by all homes (statuses, light states and positions not counted). */
    public long readingsSent() {
        return readingsSent.sum();
    }

    public List<SimulatedDevice> devices() {
        return List.copyOf(devices);
    }

    /** Blocks until {@code --duration} has passed, or the process is asked to stop. */
    public void awaitEnd() throws InterruptedException {
        ended.await();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        housekeeping.shutdownNow();
        network.close();
        logStatus();
    }
}
