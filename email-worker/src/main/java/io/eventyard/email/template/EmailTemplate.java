package io.eventyard.email.template;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mails the worker knows how to write. Each has a text and an HTML body under
 * {@code templates/email/<name>.txt|.html}, a subject, and the model keys it cannot do without;
 * keys a template does not use are ignored. Amounts arrive formatted by their producer, exactly and
 * with the currency ({@code total}: "49.90 EUR"); the worker does no arithmetic on money.
 */
public enum EmailTemplate {

    ORDER_CONFIRMATION("order-confirmation", "Your order %s is confirmed", List.of("orderId", "total")),
    PAYMENT_RECEIPT("payment-receipt", "Payment received for order %s", List.of("orderId", "total")),
    SHIPMENT_NOTICE("shipment-notice", "Your order %s is on its way", List.of("orderId", "carrier", "trackingNumber")),
    PAYMENT_FAILED("payment-failed", "Payment failed for order %s", List.of("orderId", "reason")),
    /** home-hub's alerts, fired or cleared; the producer writes the subject line itself, as {@code title}. */
    ALERT("alert", "%s", List.of("title", "transition", "severity", "sensorId", "rule", "value", "at"), "title");

    /** Every template name, as one regular expression for the command's validation. Keep in step with the constants. */
    public static final String NAMES_PATTERN = "order-confirmation|payment-receipt|shipment-notice|payment-failed|alert";

    private final String templateName;
    private final String subjectFormat;
    private final List<String> requiredKeys;
    private final String subjectKey;

    EmailTemplate(String templateName, String subjectFormat, List<String> requiredKeys) {
        this(templateName, subjectFormat, requiredKeys, "orderId");
    }

    EmailTemplate(String templateName, String subjectFormat, List<String> requiredKeys, String subjectKey) {
        this.templateName = templateName;
        this.subjectFormat = subjectFormat;
        this.requiredKeys = requiredKeys;
        this.subjectKey = subjectKey;
    }

    public static Optional<EmailTemplate> byName(String name) {
        return Arrays.stream(values()).filter(t -> t.templateName.equals(name)).findFirst();
    }

    /** The name commands use, e.g. {@code order-confirmation}; also the template files' base name. */
    public String templateName() {
        return templateName;
    }

    public List<String> requiredKeys() {
        return requiredKeys;
    }

    /** The keys this template needs that the model lacks or leaves blank. */
    public List<String> missingKeys(Map<String, String> model) {
        return requiredKeys.stream()
                .filter(key -> model.get(key) == null || model.get(key).isBlank())
                .toList();
    }

    /** The shop's subjects name the order; an alert's is its {@code title}. */
    public String subject(Map<String, String> model) {
        return subjectFormat.formatted(model.getOrDefault(subjectKey, ""));
    }
}
