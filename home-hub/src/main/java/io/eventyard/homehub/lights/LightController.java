package io.eventyard.homehub.lights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import io.eventyard.homehub.api.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.mqtt.exception.MqttClientException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.ObjectMapper;

/**
 * {@code /home/lights}: the states the lights report, and commands to them. A command is answered 202 once the
 * broker has it: whether the light obeys shows later in its reported state, never here.
 */
@Controller("/home/lights")
@ExecuteOn(TaskExecutors.BLOCKING)
class LightController {

    private final LightStates lights;
    private final LightCommandPublisher publisher;
    private final ObjectMapper json;

    LightController(LightStates lights, LightCommandPublisher publisher, ObjectMapper json) {
        this.lights = lights;
        this.publisher = publisher;
        this.json = json;
    }

    @Get
    List<LightState> list() {
        return lights.all();
    }

    @Get("/{id}")
    HttpResponse<?> get(String id, HttpRequest<?> request) {
        return lights.find(id).<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() -> HttpResponse.notFound(Problem.notFound("no state reported by light " + id,
                        request.getPath())).contentType(Problem.PROBLEM_JSON));
    }

    /** 202 once the broker acknowledged the command; 503 when it could not be reached, so nothing was sent. */
    @Post("/{id}")
    HttpResponse<?> command(String id, @Body LightCommand command, HttpRequest<?> request) {
        command.check(id);
        try {
            publisher.send("home/lights/" + id + "/set", write(command));
        } catch (MqttClientException e) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(Problem.unavailable("the MQTT broker did not take the command: " + e.getMessage(),
                            request.getPath()))
                    .contentType(Problem.PROBLEM_JSON);
        }
        return HttpResponse.accepted().body(command);
    }

    private byte[] write(LightCommand command) {
        try {
            return json.writeValueAsBytes(command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
