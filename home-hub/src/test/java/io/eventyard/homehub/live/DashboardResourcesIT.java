package io.eventyard.homehub.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard's files come from home-hub itself, WebJars included: every script, style sheet and module the
 * page names is served from the jar (so a WebJar version bump that index.html missed fails here, without a
 * browser), and nothing is named on another host.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardResourcesIT {

    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]+)\"|from '([^']+)'");

    private RunningHub hub;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        hub = RunningHub.start(Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void servesThePageAndEverythingItLoadsFromTheJar() throws Exception {
        URI root = hub.server().getURI().resolve("/");
        HttpResponse<String> page = get(root);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("text/html"));

        List<URI> loaded = new ArrayList<>();
        for (String reference : references(page.body())) {
            if (!reference.startsWith("data:")) {   // inline, such as the empty favicon
                loaded.add(root.resolve(reference));
            }
        }
        for (String module : List.of("js/main.js", "js/sensors.js", "js/fleet-map.js", "js/devices.js",
                "js/events.js", "js/time.js")) {
            String source = get(root.resolve(module)).body();
            for (String reference : references(source)) {
                loaded.add(root.resolve(module).resolve(reference));
            }
        }

        assertThat(loaded).extracting(URI::getHost).containsOnly(root.getHost());
        assertThat(loaded).anySatisfy(uri -> assertThat(uri.getPath()).startsWith("/webjars/echarts/"));
        assertThat(loaded).anySatisfy(uri -> assertThat(uri.getPath()).startsWith("/webjars/leaflet/"));
        for (URI uri : loaded) {
            assertThat(get(uri).statusCode()).as("GET %s", uri).isEqualTo(200);
        }
    }

    private static List<String> references(String text) {
        List<String> references = new ArrayList<>();
        Matcher matcher = REFERENCE.matcher(text);
        while (matcher.find()) {
            references.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
        return references;
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
