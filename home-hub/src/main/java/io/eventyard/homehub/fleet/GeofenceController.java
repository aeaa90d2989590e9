package io.eventyard.homehub.fleet;

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

/**
 * Circular geofences. A change applies from the next position of each vehicle on: a vehicle inside a new fence
 * enters it then.
 */
@Controller("/geofences")
class GeofenceController {

    private final GeofenceRepository geofences;

    GeofenceController(GeofenceRepository geofences) {
        this.geofences = geofences;
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
        return HttpResponse.created(created, URI.create("/geofences/" + created.id()));
    }

    @Put("/{id}")
    Geofence update(long id, @Body @Valid GeofenceRequest request) {
        if (!geofences.existsById(id)) {
            throw notFound(id);
        }
        return geofences.update(request.toGeofence(id));
    }

    @Delete("/{id}")
    HttpResponse<Void> delete(long id) {
        if (!geofences.existsById(id)) {
            throw notFound(id);
        }
        geofences.deleteById(id);
        return HttpResponse.noContent();
    }

    private static HttpStatusException notFound(long id) {
        return new HttpStatusException(HttpStatus.NOT_FOUND, "no geofence " + id);
    }
}
