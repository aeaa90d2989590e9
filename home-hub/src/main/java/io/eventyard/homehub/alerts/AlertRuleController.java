package io.eventyard.homehub.alerts;

import java.net.URI;
import java.util.List;

import io.eventyard.homehub.api.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code /alert-rules}: create, read, replace and delete alert rules. */
@Controller("/alert-rules")
@ExecuteOn(TaskExecutors.BLOCKING)
class AlertRuleController {

    private final AlertRules rules;
    private final RuleLock lock;
    private final AlertNoticeRelay relay;

    AlertRuleController(AlertRules rules, RuleLock lock, AlertNoticeRelay relay) {
        this.rules = rules;
        this.lock = lock;
        this.relay = relay;
    }

    @Get
    List<AlertRule> list() {
        return rules.all();
    }

    @Post
    HttpResponse<AlertRule> create(@Body AlertRuleRequest request) {
        AlertRule created = lock.around(() -> rules.create(request.toRule(null)));
        return HttpResponse.created(created, URI.create("/alert-rules/" + created.id()));
    }

    @Get("/{id}")
    HttpResponse<?> get(long id, HttpRequest<?> request) {
        return rules.find(id).<HttpResponse<?>>map(HttpResponse::ok).orElseGet(() -> notFound(id, request));
    }

    @Put("/{id}")
    HttpResponse<?> replace(long id, @Body AlertRuleRequest body, HttpRequest<?> request) {
        AlertRule rule = body.toRule(id);
        HttpResponse<?> response = lock.around(() -> rules.replace(id, rule))
                .<HttpResponse<?>>map(HttpResponse::ok).orElseGet(() -> notFound(id, request));
        relay.wake();
        return response;
    }

    @Delete("/{id}")
    HttpResponse<?> delete(long id, HttpRequest<?> request) {
        if (!lock.around(() -> rules.delete(id))) {
            return notFound(id, request);
        }
        relay.wake();
        return HttpResponse.noContent();
    }

    private static HttpResponse<Problem> notFound(long id, HttpRequest<?> request) {
        return HttpResponse.<Problem>notFound(Problem.notFound("no alert rule " + id, request.getPath()))
                .contentType(Problem.PROBLEM_JSON);
    }
}
