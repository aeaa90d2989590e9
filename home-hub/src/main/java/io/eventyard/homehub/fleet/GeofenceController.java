package io.eventyard.homehub.fleet;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Circular geofences. A change applies from the next position of each vehicle on: a vehicle inside a new fence
 * enters it then. Each change is committed by its repository call, then announced ({@link GeofencesChanged}).
 */
@Controller("/geofences")
class GeofenceController {

    private static final Logger LOG = LoggerFactory.getLogger(GeofenceController.class);

    private final GeofenceRepository geofences;
    private final ApplicationEventPublisher<GeofencesChanged> changes;

    GeofenceController(GeofenceRepository geofences, ApplicationEventPublisher<GeofencesChanged> changes) {
        this.geofences = geofences;
        this.changes = changes;
    }

    @Get
    List<Geofence> list() {
        return geofences.listOrderById();
    }

    @Get("/{id}")
    Geofence get(long id) {
        return geofences.findById(id).orElseThrow(() -> notFound(id));
    }

    @Post
    HttpResponse<Geofence> create(@Body @Valid GeofenceRequest request) {
        Geofence created = geofences.save(request.toGeofence(null));
        announce();
        return HttpResponse.created(created, URI.create("/geofences/" + created.id()));
    }

    @Put("/{id}")
    Geofence update(long id, @Body @Valid GeofenceRequest request) {
        if (!geofences.existsById(id)) {
            throw notFound(id);
        }
        Geofence updated = geofences.update(request.toGeofence(id));
        announce();
        return updated;
    }

    @Delete("/{id}")
    HttpResponse<Void> delete(long id) {
        if (!geofences.existsById(id)) {
            throw notFound(id);
        }
        geofences.deleteById(id);
        announce();
        return HttpResponse.noContent();
    }

    private void announce() {
        try {
            changes.publishEvent(new GeofencesChanged(geofences.listOrderById()));
        } catch (RuntimeException e) {
            // the change is committed; the dashboard's next snapshot shows it
            LOG.warn("geofence change not announced: {}", e.toString());
        }
    }

    private static HttpStatusException notFound(long id) {
        return new HttpStatusException(HttpStatus.NOT_FOUND, "no geofence " + id);
    }
}
