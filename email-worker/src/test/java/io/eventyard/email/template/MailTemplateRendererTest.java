package io.eventyard.email.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MailTemplateRendererTest {

    private final MailTemplateRenderer renderer = new MailTemplateRenderer();

    private static final Map<String, String> FULL_MODEL = Map.of(
            "orderId", "ord-42", "total", "49.90 EUR", "customerName", "Ada Lovelace", "paymentId", "pay-7",
            "carrier", "Parcelwise", "trackingNumber", "PW123456", "reason", "card declined");

    @ParameterizedTest
    @EnumSource(value = EmailTemplate.class, mode = EnumSource.Mode.EXCLUDE, names = "ALERT")
    void everyShopTemplateHasATextAndAnHtmlBodyNamingTheOrder(EmailTemplate template) {
        RenderedMail mail = renderer.render(template, FULL_MODEL);

        assertThat(mail.subject()).contains("ord-42");
        assertThat(mail.text()).contains("ord-42").doesNotContain("<").doesNotContain("[(");
        assertThat(mail.html()).startsWith("<!DOCTYPE html>").contains("<td>ord-42</td>").doesNotContain("th:");
    }

    @Test
    void orderConfirmationShowsTheTotal() {
        RenderedMail mail = renderer.render(EmailTemplate.ORDER_CONFIRMATION, FULL_MODEL);

        assertThat(mail.subject()).isEqualTo("Your order ord-42 is confirmed");
        assertThat(mail.text()).startsWith("Hello Ada Lovelace,\n\nThank you").contains("Total:  49.90 EUR");
        assertThat(mail.html()).contains("<td>49.90 EUR</td>").contains("Hello <span>Ada Lovelace</span>,");
    }

    @Test
    void alertTakesItsSubjectFromTheTitleAndShowsTheReading() {
        RenderedMail mail = renderer.render(EmailTemplate.ALERT, Map.of(
                "title", "[critical] alert fired: living-room/temperature", "transition", "fired",
                "severity", "critical", "sensorId", "living-room/temperature",
                "rule", "living-room/temperature above 28.0 for PT5M", "value", "29.5",
                "at", "2026-07-01T12:05:00Z"));

        assertThat(mail.subject()).isEqualTo("[critical] alert fired: living-room/temperature");
        assertThat(mail.text()).contains("Rule:    living-room/temperature above 28.0 for PT5M")
                .contains("Value:   29.5").doesNotContain("[(");
        assertThat(mail.html()).contains("<td>29.5</td>").doesNotContain("th:");
    }

    @Test
    void shipmentNoticeShowsCarrierAndTrackingNumber() {
        RenderedMail mail = renderer.render(EmailTemplate.SHIPMENT_NOTICE, FULL_MODEL);

        assertThat(mail.text()).contains("Carrier:          Parcelwise").contains("Tracking number:  PW123456");
        assertThat(mail.html()).contains("<td>PW123456</td>");
    }

    @Test
    void optionalKeysLeaveNoTraceWhenAbsent() {
        RenderedMail mail = renderer.render(EmailTemplate.PAYMENT_FAILED, Map.of("orderId", "ord-1", "reason", "insufficient funds"));

        assertThat(mail.text()).startsWith("We could not take").doesNotContain("Amount").contains("Reason:  insufficient funds");
        assertThat(mail.html()).doesNotContain("Amount").doesNotContain("Hello");
    }

    @Test
    void htmlEscapesModelValuesWhileTextKeepsThem() {
        RenderedMail mail = renderer.render(EmailTemplate.PAYMENT_FAILED,
                Map.of("orderId", "ord-1", "reason", "<script>alert(1)</script> & more"));

        assertThat(mail.html()).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more").doesNotContain("<script>");
        assertThat(mail.text()).contains("<script>alert(1)</script> & more");
    }

    @Test
    void namesTheRequiredKeysAModelLacks() {
        assertThat(EmailTemplate.SHIPMENT_NOTICE.missingKeys(Map.of("orderId", "o", "carrier", " ")))
                .containsExactly("carrier", "trackingNumber");
        assertThat(EmailTemplate.ORDER_CONFIRMATION.missingKeys(FULL_MODEL)).isEmpty();
    }

    @Test
    void findsTemplatesByTheirCommandName() {
        assertThat(EmailTemplate.byName("payment-receipt")).contains(EmailTemplate.PAYMENT_RECEIPT);
        assertThat(EmailTemplate.byName("PAYMENT_RECEIPT")).isEmpty();
        // the validation pattern must name exactly the templates there are
        assertThat(EmailTemplate.NAMES_PATTERN.split("\\|"))
                .containsExactlyInAnyOrder(java.util.Arrays.stream(EmailTemplate.values())
                        .map(EmailTemplate::templateName).toArray(String[]::new));
    }
}
