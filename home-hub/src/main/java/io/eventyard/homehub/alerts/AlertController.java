package io.eventyard.homehub.alerts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.data.model.Pageable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** {@code GET /alerts}: the active alerts, newest first, and the most recent ones whatever their state. */
@Controller("/alerts")
@ExecuteOn(TaskExecutors.BLOCKING)
class AlertController {

    private final AlertRepository alerts;

    AlertController(AlertRepository alerts) {
        this.alerts = alerts;
    }

    @Get
    Alerts list(@QueryValue(defaultValue = "50") @Min(1) @Max(1000) int limit) {
        return new Alerts(alerts.findByClearedAtIsNullOrderByFiredAtDesc(),
                alerts.listOrderByIdDesc(Pageable.from(0, limit)));
    }

    /** Both lists always present, also when empty. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Alerts(List<Alert> active, List<Alert> recent) {
    }
}
