package io.eventyard.homehub.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import java.util.logging.Level;

import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;

/**
 * The dashboard in a real browser: Debian's chromium, headless, driven through Debian's chromedriver (named
 * explicitly, so Selenium Manager never downloads anything). Skipped when either is missing; {@code .ci/run}
 * installs them. Leaves a screenshot at {@code target/dashboard.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final String room = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final String van = "van-" + room;
    private RunningHub hub;
    private MqttClient device;
    private WebDriver browser;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs " + CHROMIUM + " and " + CHROMEDRIVER + " (Debian: apt-get install chromium chromium-driver)");
        hub = RunningHub.start(Map.of());
        device = new MqttClient("tcp://127.0.0.1:" + hub.mqttPort(), "dashboard-it-" + room, new MemoryPersistence());
        MqttConnectOptions login = new MqttConnectOptions();
        login.setUserName("guest");
        login.setPassword("guest".toCharArray());
        device.connect(login);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log"))
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1400,1000");
        // the page's console, for the failure message when the page does not come up
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(driver, options);
        seedWhatHappenedBefore();
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (device != null && device.isConnected()) {
            device.disconnect();
            device.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void drawsWhatHappenedBeforeTheBrowserConnected() {
        open();
        assertThat(textOf("tr[data-sensor='" + room + "/humidity'] td.value")).isEqualTo("43 %");
        assertThat(textOf("tr[data-device='" + room + "-plug']")).contains("offline");
        assertThat(textOf("#events li:first-child")).contains("device.offline").contains(room + "-plug");
        Long trailPoints = (Long) script("return document.querySelectorAll('#map path.leaflet-interactive').length");
        assertThat(trailPoints).as("trail and vehicle marker drawn on the map").isGreaterThanOrEqualTo(2);
    }

    @Test
    void showsAReadingPublishedWhileThePageIsOpen() throws Exception {
        open();
        String sensorId = room + "/temperature";

        publishReading(room, "temperature", 21.5, "°C");

        await().atMost(WAIT).ignoreExceptions().until(() ->
                textOf("tr[data-sensor='" + sensorId + "'] td.value").equals("21.5 °C"));
        await().atMost(WAIT).ignoreExceptions().until(() -> ((Number) script(
                "const el = document.querySelector(`[data-chart='" + sensorId + "']`);"
                        + " return el ? echarts.getInstanceByDom(el).getOption().series[0].data.length : 0;"))
                .intValue() == 1);
        Files.write(Path.of("target", "dashboard.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void drawsAGeofenceCreatedWhileThePageIsOpen() throws Exception {
        open();
        long before = paths();

        try (HttpClient http = hub.context().createBean(HttpClient.class, hub.server().getURL())) {
            http.toBlocking().exchange(HttpRequest.POST("/geofences",
                    Map.of("name", "depot-" + room, "lat", 51.505, "lon", -0.11, "radiusMeters", 300)));
        }

        await().atMost(WAIT).ignoreExceptions().until(() -> paths() == before + 1);
    }

    private long paths() {
        return (Long) script("return document.querySelectorAll('#map path.leaflet-interactive').length");
    }

    /**
     * The one step that stands for a device: a real MQTT publish on {@code home/{room}/{sensor}} through the
     * bundled broker, QoS 1, so the page shows what went broker → ingestion → storage → live feed.
     */
    private void publishReading(String room, String sensor, double value, String unit) throws MqttException {
        publish("home/" + room + "/" + sensor, "{\"value\":" + value + ",\"unit\":\"" + unit + "\"}");
    }

    /**
     * What a dashboard opened now must show from the database: a sensor's history, a vehicle's trail, two
     * devices and the event of the one that went offline, all published as devices would, and stored before the
     * page opens.
     */
    private void seedWhatHappenedBefore() throws Exception {
        Instant start = Instant.now().minusSeconds(600);
        for (int i = 0; i < 20; i++) {
            Instant at = start.plusSeconds(30L * i);
            publish("home/" + room + "/humidity",
                    "{\"value\":" + (40 + i % 8) + ",\"unit\":\"%\",\"ts\":\"" + at + "\"}");
            publish("fleet/vehicle/" + van + "/location", String.format(Locale.ROOT,
                    "{\"lat\":%.4f,\"lon\":%.4f,\"speedKmh\":40,\"heading\":45,\"accuracy\":5,\"ts\":\"%s\"}",
                    51.50 + i * 0.001, -0.12 + i * 0.0015, at));
        }
        publish("home/" + room + "-sensor/status", "online");
        publish("home/" + room + "-plug/status", "offline");
        LiveSnapshotSource stored = hub.context().getBean(LiveSnapshotSource.class);
        await().atMost(WAIT).until(() -> {
            LiveSnapshot snapshot = stored.snapshot();
            return snapshot.sensors().stream().anyMatch(s -> s.sensorId().equals(room + "/humidity")
                    && s.points().size() == 20)
                    && snapshot.vehicles().stream().anyMatch(v -> v.vehicleId().equals(van) && v.trail().size() == 20)
                    && snapshot.devices().stream().anyMatch(d -> d.device().equals(room + "-plug"));
        });
    }

    private void publish(String topic, String payload) throws MqttException {
        device.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    private void open() {
        browser.get(hub.server().getURI().resolve("/").toString());
        try {
            await().atMost(WAIT).ignoreExceptions().until(() ->
                    "connected".equals(browser.findElement(By.tagName("body")).getDomAttribute("data-live")));
        } catch (ConditionTimeoutException e) {
            StringBuilder console = new StringBuilder();
            browser.manage().logs().get(LogType.BROWSER).forEach(entry -> console.append(entry).append('\n'));
            throw new AssertionError("the dashboard did not connect to /live; browser console:\n" + console, e);
        }
    }

    private String textOf(String css) {
        return browser.findElements(By.cssSelector(css)).stream().findFirst().map(e -> e.getText()).orElse("");
    }

    private Object script(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }
}
