package io.eventyard.order.api;

import io.eventyard.order.domain.Order;
import io.eventyard.order.domain.OrderStatus;
import io.eventyard.order.service.OrderService;
import io.eventyard.order.service.Placement;
import io.eventyard.order.store.OrderRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Optional;

/** The orders API. Blocking JDBC, so it runs on the I/O-bound pool, never on the event loop. */
@Controller("/orders")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "orders")
public class OrderController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final OrderService orders;

    OrderController(OrderService orders) {
        this.orders = orders;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Place an order",
            description = "Answers 201 with the order in PENDING_PAYMENT. With an Idempotency-Key header, a repeat of"
                    + " the same request answers 200 with the order the first one placed.")
    @ApiResponse(responseCode = "201", description = "placed")
    @ApiResponse(responseCode = "200", description = "placed before by a request with the same Idempotency-Key")
    @ApiResponse(responseCode = "400", description = "invalid request; `errors` names each bad field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = "the Idempotency-Key was used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<OrderView> place(@Body @Valid PlaceOrderRequest request,
                                         @Header(IDEMPOTENCY_KEY) @Nullable @Size(min = 1, max = 255)
                                         String idempotencyKey) {
        Placement placement = orders.place(request.toNewOrder(), idempotencyKey);
        OrderView view = OrderView.of(placement.order());
        URI location = URI.create("/orders/" + view.id());
        return placement.created()
                ? HttpResponse.created(view, location)
                : HttpResponse.ok(view).headers(headers -> headers.location(location));
    }

    @Get("/{id}")
    @Operation(summary = "An order with its status timeline")
    @ApiResponse(responseCode = "404", description = "no such order",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public OrderView get(@PathVariable String id) {
        return OrderView.of(orders.get(id));
    }

    @Get
    @Operation(summary = "Orders, newest first, optionally only those in one status")
    public OrderPage list(@QueryValue @Nullable
                          @Pattern(regexp = "PENDING_PAYMENT|PAID|SHIPPED|PAYMENT_FAILED|CANCELLED",
                                  message = "must be one of PENDING_PAYMENT, PAID, SHIPPED, PAYMENT_FAILED, CANCELLED")
                          String status,
                          @QueryValue(defaultValue = "0") @Min(0) int page,
                          @QueryValue(defaultValue = "20") @Min(1) @Max(100) int size) {
        Pageable pageable = Pageable.from(page, size, Sort.of(Sort.Order.desc("placedAt"), Sort.Order.desc("id")));
        Page<OrderRow> rows = orders.page(Optional.ofNullable(status).map(OrderStatus::valueOf), pageable);
        return new OrderPage(rows.getContent().stream().map(OrderSummary::of).toList(), page, size,
                rows.getTotalSize(), rows.getTotalPages());
    }

    @Post("/{id}/cancel")
    @Status(HttpStatus.OK)
    @Operation(summary = "Cancel an order that is not shipped yet",
            description = "A paid order is refunded by payment-service; the refund appears in the timeline.")
    @ApiResponse(responseCode = "404", description = "no such order",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "shipped, payment failed, or already cancelled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public OrderView cancel(@PathVariable String id, @Body @Nullable @Valid CancelOrderRequest request) {
        Order cancelled = orders.cancel(id, request == null ? null : request.reason());
        return OrderView.of(cancelled);
    }
}
