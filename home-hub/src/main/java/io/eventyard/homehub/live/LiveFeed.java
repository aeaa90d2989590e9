package io.eventyard.homehub.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.eventyard.homehub.devices.Availability;
import io.eventyard.homehub.events.HubEvent;
import io.eventyard.homehub.fleet.GeofencesChanged;
import io.eventyard.homehub.fleet.Position;
import io.eventyard.homehub.telemetry.Reading;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The connected dashboards and what they are sent. Each application event is recorded in {@link RecentActivity}
 * (the in-memory snapshot source, used when no other is present), then turned into JSON once and offered to
 * every client's bounded queue ({@link LiveClient}). The features publish after their data is committed, and a
 * client is registered before its snapshot is read, so a client gets everything in its snapshot or as an event.
 * Listeners run on the publisher's thread, so nothing here blocks.
 */
@Singleton
public class LiveFeed {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    /** How soon a browser reconnects after its stream ended (for instance after being cut off). */
    private static final Duration RECONNECT = Duration.ofSeconds(2);

    private final Set<LiveClient> clients = ConcurrentHashMap.newKeySet();
    private final LiveSnapshotSource source;
    private final RecentActivity recent;
    private final JsonMapper json;
    private final LiveSettings settings;
    private final Scheduler blocking;

    LiveFeed(LiveSnapshotSource source, RecentActivity recent, JsonMapper json, LiveSettings settings,
             @Named(TaskExecutors.IO) ExecutorService blocking) {
        this.source = source;
        this.recent = recent;
        this.json = json;
        this.settings = settings;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    /**
     * A new client's stream: {@code snapshot}, then the live events. The client is registered before the
     * snapshot is taken, so nothing that happens in between is lost (it may arrive twice: in the snapshot
     * and as an event; the page ignores a point it already has). Taken off the event loop, as a source
     * backed by the database blocks.
     */
    Flux<Event<String>> stream() {
        return Flux.defer(() -> {
            LiveClient client = new LiveClient(settings.clientBuffer());
            clients.add(client);
            Event<String> snapshot;
            try {
                snapshot = event("snapshot", source.snapshot()).retry(RECONNECT);
            } catch (RuntimeException e) {
                leave(client);
                throw e;
            }
            return Flux.concat(Mono.just(snapshot), client.events()).doFinally(signal -> leave(client));
        }).subscribeOn(blocking);
    }

    /** How many dashboards are connected. */
    public int clients() {
        return clients.size();
    }

    @EventListener
    void onReading(Reading reading) {
        recent.record(reading);
        broadcast("reading", reading);
    }

    @EventListener
    void onPosition(Position position) {
        recent.record(position);
        broadcast("position", position);
    }

    @EventListener
    void onAvailability(Availability availability) {
        recent.record(availability);
        broadcast("availability", availability);
    }

    @EventListener
    void onHubEvent(HubEvent event) {
        recent.record(event);
        broadcast("event", event);
    }

    /** The map's geofences, all of them (RecentActivity does not keep them: the snapshot reads them). */
    @EventListener
    void onGeofences(GeofencesChanged change) {
        broadcast("geofences", new Geofences(change.geofences().stream()
                .map(g -> new LiveSnapshot.Geofence(String.valueOf(g.id()), g.name(), g.lat(), g.lon(),
                        g.radiusMeters()))
                .toList()));
    }

    @Scheduled(fixedDelay = "${live.heartbeat:15s}", initialDelay = "${live.heartbeat:15s}")
    void heartbeat() {
        broadcast("heartbeat", new Heartbeat(Instant.now()));
    }

    private void broadcast(String name, Object data) {
        if (clients.isEmpty()) {
            return;
        }
        Event<String> event;
        try {
            event = event(name, data);
        } catch (UncheckedIOException e) {
            // never thrown back at whoever published the application event (ingest, timers)
            LOG.warn("Live {} not sent: {}", name, e.getMessage());
            return;
        }
        for (LiveClient client : clients) {
            if (!client.offer(event)) {
                clients.remove(client);
                LOG.info("Live client cut off: more than {} events waiting for it; it will reconnect to a snapshot",
                        settings.clientBuffer());
            }
        }
    }

    private void leave(LiveClient client) {
        clients.remove(client);
        client.close();
    }

    private Event<String> event(String name, Object data) {
        try {
            return Event.of(json.writeValueAsString(data)).name(name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name + " as JSON", e);
        }
    }

    /** The {@code geofences} event's data: every geofence after a change. */
    @Serdeable
    record Geofences(List<LiveSnapshot.Geofence> geofences) {
    }

    /** The {@code heartbeat} event's data: the server's time. */
    @Serdeable
    record Heartbeat(Instant at) {
    }
}
