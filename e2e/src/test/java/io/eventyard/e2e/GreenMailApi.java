package io.eventyard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The mailboxes of a GreenMail standalone (the launcher's) through its REST API: {@code GET
 * /api/user/{address}/messages}. GreenMail makes a user when the first mail for it arrives, and answers 400
 * "not found" before.
 */
final class GreenMailApi implements Mailbox {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    GreenMailApi(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    @Override
    public Map<String, Integer> mailsPerRecipient(Collection<String> recipients) throws Exception {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String recipient : recipients) {
            // The addresses of these tests need no escaping; '@' is allowed in a path.
            URI uri = URI.create(baseUrl + "/api/user/" + recipient + "/messages");
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 400 && response.body().contains("not found")) {
                counts.put(recipient, 0);
            } else if (response.statusCode() == 200) {
                JsonNode messages = JSON.readTree(response.body());
                counts.put(recipient, messages.size());
            } else {
                throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": "
                        + response.body());
            }
        }
        return counts;
    }
}
