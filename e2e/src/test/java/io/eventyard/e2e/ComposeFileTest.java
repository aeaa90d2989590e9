package io.eventyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml checked without a Docker engine: it parses, every container has a health check and waits
 * for what it needs to be healthy, every build names a module of the reactor, and the ports and environment
 * names agree with what the services read. Images are never built here; {@code docker compose config} runs
 * too when a Compose v2 client is on the PATH.
 */
class ComposeFileTest {

    private static final Path ROOT = Repository.root();
    private static final Pattern COMPOSE_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(:?-)?([^}]*)}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)");
    private static final Pattern PICOCLI_ENV = Pattern.compile("\\$\\{env:([A-Z0-9_]+)");
    private static final Pattern PROPERTY_LITERAL = Pattern.compile("\"([a-z]+(?:\\.[a-z-]+)+)\"");
    private static final Pattern HEALTH_PORT_VARIABLE = Pattern.compile("\\$\\$\\{([A-Z0-9_]+)}");

    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    static void readComposeFile() throws IOException {
        services = map(yaml(ROOT.resolve("docker-compose.yml")).get("services"));
    }

    @Test
    void theWholeStackIsThere() {
        assertThat(services).containsKeys("broker", "order-service", "payment-service", "shipping-service",
                "email-worker", "home-hub", "device-simulator", "mailpit", "rabbitmq", "postgres");
        assertThat(profiles("rabbitmq")).containsExactly("rabbitmq");
        assertThat(profiles("postgres")).containsExactly("postgres");
        // A service in a profile would be missing from a plain `docker compose up`.
        services.keySet().stream().filter(name -> !name.equals("rabbitmq") && !name.equals("postgres"))
                .forEach(name -> assertThat(profiles(name)).as(name + "'s profiles").isEmpty());
    }

    // The device simulator serves no port and nothing waits for it (see the comment in the compose file).
    @Test
    void everyContainerButTheSimulatorHasAHealthCheck() {
        services.forEach((name, service) -> {
            if (name.equals("device-simulator")) {
                return;
            }
            Map<String, Object> check = map(service.get("healthcheck"));
            assertThat(check).as(name + "'s healthcheck").isNotEmpty();
            assertThat(list(check.get("test"))).as(name + "'s healthcheck test").isNotEmpty()
                    .doesNotContain("NONE");
        });
    }

    @Test
    void healthChecksAskThePortTheContainerIsGiven() {
        services.forEach((name, service) -> {
            String test = String.join(" ", list(map(service.get("healthcheck")).get("test")));
            Matcher variable = HEALTH_PORT_VARIABLE.matcher(test);
            while (variable.find()) {
                assertThat(environment(service)).as(name + "'s environment").containsKey(variable.group(1));
            }
        });
    }

    @Test
    void everyDependencyIsWaitedForUntilHealthy() {
        services.forEach((name, service) -> dependencies(service).forEach((target, settings) -> {
            assertThat(services).as(name + " depends on " + target).containsKey(target);
            assertThat(settings.get("condition")).as(name + " → " + target).isEqualTo("service_healthy");
            assertThat(map(services.get(target).get("healthcheck"))).as(target + "'s healthcheck").isNotEmpty();
            // Only a container that runs in a profile may be an optional dependency.
            assertThat(Boolean.FALSE.equals(settings.get("required"))).as(name + " → " + target + " optional")
                    .isEqualTo(!profiles(target).isEmpty());
        }));
    }

    @Test
    void everyServiceWaitsForItsBrokerItsDatabaseAndItsMailServer() {
        services.forEach((name, service) -> {
            Map<String, String> env = environment(service);
            Set<String> needs = dependencies(service).keySet();
            if (env.containsKey("AMQP_URI") || env.containsKey("MQTT_URI")) {
                assertThat(needs).as(name + " needs a broker").contains("broker", "rabbitmq");
            }
            if (env.containsKey("DATASOURCES_DEFAULT_URL")) {
                assertThat(needs).as(name + " needs a database").contains("postgres");
            }
            if (env.containsKey("SMTP_HOST")) {
                assertThat(needs).as(name + " needs its SMTP server").contains(env.get("SMTP_HOST"));
            }
        });
        assertThat(dependencies(services.get("device-simulator")).keySet()).contains("home-hub");
    }

    @Test
    void everyBuildIsTheOneDockerfileWithAModuleOfTheReactor() throws IOException {
        String rootPom = Files.readString(ROOT.resolve("pom.xml"));
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile).contains("ARG MODULE");
        services.forEach((name, service) -> {
            if (!service.containsKey("build")) {
                assertThat(service.get("image")).as(name + " builds or names an image").isNotNull();
                return;
            }
            Map<String, Object> build = map(service.get("build"));
            Path context = ROOT.resolve(String.valueOf(build.get("context"))).normalize();
            assertThat(context).as(name + "'s build context").isDirectory();
            assertThat(context.resolve(String.valueOf(build.get("dockerfile")))).as(name + "'s Dockerfile")
                    .isRegularFile();
            String module = String.valueOf(map(build.get("args")).get("MODULE"));
            assertThat(rootPom).as(name + "'s MODULE " + module).contains("<module>" + module + "</module>");
            assertThat(ROOT.resolve(module).resolve("pom.xml")).isRegularFile();
        });
    }

    // No engine builds the images here: this is what keeps a renamed jar from breaking them unnoticed.
    @Test
    void eachImageCopiesTheJarItsModuleBuilds() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        for (Map<String, Object> service : services.values()) {
            if (!service.containsKey("build")) {
                continue;
            }
            String module = module(service);
            String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
            Matcher shadedTo = Pattern.compile("<outputFile>\\$\\{project\\.build\\.directory}/([^<]+)</outputFile>")
                    .matcher(pom);
            Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
            String built = shadedTo.find() ? shadedTo.group(1)
                    : (finalName.find() ? finalName.group(1) : "").replace("${project.artifactId}", module) + ".jar";
            assertThat(imageJar(dockerfile, module)).as(module + "'s runnable jar")
                    .isEqualTo(module + "/target/" + built);
        }
    }

    /** The jar the Dockerfile's case statement picks for a module: its own arm, or the "*" arm. */
    private static String imageJar(String dockerfile, String module) {
        Matcher arm = Pattern.compile("(?m)^\\s*([\\w*-]+)\\) jar=\"?([^\\s\";]+)\"? ;;").matcher(dockerfile);
        String fallback = null;
        while (arm.find()) {
            if (arm.group(1).equals(module)) {
                return arm.group(2);
            }
            if (arm.group(1).equals("*")) {
                fallback = arm.group(2).replace("$MODULE", module);
            }
        }
        return fallback;
    }

    @Test
    void mountedFilesExist() {
        services.forEach((name, service) -> list(service.get("volumes")).forEach(volume -> {
            String source = volume.split(":")[0];
            if (source.startsWith(".")) {
                assertThat(ROOT.resolve(source).normalize()).as(name + " mounts " + source).isRegularFile();
            }
        }));
    }

    @Test
    void eachServiceIsPublishedOnItsOwnDefaultPort() throws IOException {
        int checked = 0;
        for (Map.Entry<String, Map<String, Object>> entry : services.entrySet()) {
            String port = environment(entry.getValue()).get("MICRONAUT_SERVER_PORT");
            if (port == null) {
                continue;
            }
            String module = module(entry.getValue());
            Matcher fallback = Pattern.compile("\\$\\{MICRONAUT_SERVER_PORT:(\\d+)}")
                    .matcher(Files.readString(applicationYml(module)));
            assertThat(fallback.find()).as(module + "'s application.yml reads MICRONAUT_SERVER_PORT").isTrue();
            assertThat(port).as(entry.getKey() + "'s port is its default").isEqualTo(fallback.group(1));
            assertThat(list(entry.getValue().get("ports"))).as(entry.getKey() + " published")
                    .contains(port + ":" + port);
            checked++;
        }
        assertThat(checked).as("services with an HTTP port").isEqualTo(5);
    }

    @Test
    void theBrokerPublishesThePortsItIsGiven() {
        Map<String, Object> broker = services.get("broker");
        List<String> ports = list(broker.get("ports"));
        Map<String, String> env = environment(broker);
        for (String name : List.of("BROKER_AMQP_PORT", "BROKER_MQTT_PORT", "BROKER_HTTP_PORT", "BROKER_MQTT_WS_PORT")) {
            assertThat(env).containsKey(name);
            assertThat(ports).as(name).contains(env.get(name) + ":" + env.get(name));
        }
        // The services reach the broker on the ports it listens on.
        assertThat(environment(services.get("order-service")).get("AMQP_URI"))
                .contains("@broker:" + env.get("BROKER_AMQP_PORT") + "/");
        assertThat(environment(services.get("home-hub")).get("MQTT_URI"))
                .isEqualTo("tcp://broker:" + env.get("BROKER_MQTT_PORT"));
    }

    @Test
    void everyEnvironmentNameIsOneItsModuleReads() {
        services.forEach((name, service) -> {
            if (!service.containsKey("build")) {
                return;
            }
            Set<String> known = namesRead(module(service));
            assertThat(environment(service).keySet()).as(name + "'s environment").allSatisfy(variable ->
                    assertThat(known).as("names " + module(service) + " reads").contains(variable));
        });
    }

    @Test
    void theEnvFilesOnlySetVariablesTheComposeFileUses() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        Set<String> used = new HashSet<>();
        Matcher variable = COMPOSE_VARIABLE.matcher(compose);
        while (variable.find()) {
            used.add(variable.group(1));
        }
        for (String file : List.of("compose/rabbitmq.env", "compose/postgres.env")) {
            List<String> names = Files.readAllLines(ROOT.resolve(file)).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.substring(0, line.indexOf('='))).toList();
            assertThat(names).as(file).isNotEmpty();
            assertThat(used).as("variables of docker-compose.yml that " + file + " sets").containsAll(names);
        }
    }

    // Needs no engine either; optional dependencies (required: false) need Compose 2.20 or newer.
    @Test
    void dockerComposeAcceptsTheFileWithAndWithoutProfiles() throws Exception {
        assumeTrue(composeVersionAtLeast(2, 20), "no Docker Compose 2.20 or newer here");
        assertThat(run(List.of("docker", "compose", "-f", "docker-compose.yml", "config", "-q"))).isZero();
        assertThat(run(List.of("docker", "compose", "-f", "docker-compose.yml",
                "--profile", "rabbitmq", "--profile", "postgres",
                "--env-file", "compose/rabbitmq.env", "--env-file", "compose/postgres.env", "config", "-q")))
                .isZero();
    }

    // --- what the services read

    /**
     * The environment variables a module reads: the placeholders and properties of its application*.yml in
     * their environment form (Micronaut maps DATASOURCES_DEFAULT_URL to datasources.default.url), and, for the
     * broker and the simulator whose settings are in code, the property names and picocli env defaults there.
     */
    private static Set<String> namesRead(String module) {
        Set<String> names = new HashSet<>();
        Path main = ROOT.resolve(module).resolve("src/main");
        try (Stream<Path> files = Files.walk(main)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("application") && name.endsWith(".yml")) {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    collect(PLACEHOLDER.matcher(text), names);
                    flatten("", map(new Yaml().load(text)), names);
                } else if (name.endsWith(".java")) {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    collect(PICOCLI_ENV.matcher(text), names);
                    collect(PROPERTY_LITERAL.matcher(text), names);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }

    private static void collect(Matcher matcher, Set<String> names) {
        while (matcher.find()) {
            names.add(environmentForm(matcher.group(1)));
        }
    }

    private static void flatten(String prefix, Map<String, Object> node, Set<String> names) {
        node.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            names.add(environmentForm(path));
            if (value instanceof Map<?, ?>) {
                flatten(path, map(value), names);
            }
        });
    }

    private static String environmentForm(String property) {
        return property.toUpperCase().replace('.', '_').replace('-', '_');
    }

    private static Path applicationYml(String module) {
        return ROOT.resolve(module).resolve("src/main/resources/application.yml");
    }

    // --- reading the compose file

    private static String module(Map<String, Object> service) {
        return String.valueOf(map(map(service.get("build")).get("args")).get("MODULE"));
    }

    private static List<String> profiles(String service) {
        return list(services.get(service).get("profiles"));
    }

    private static Map<String, Map<String, Object>> dependencies(Map<String, Object> service) {
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        map(service.get("depends_on")).forEach((target, settings) -> result.put(target, map(settings)));
        return result;
    }

    /** The environment as the container gets it when no variable is set: each ${NAME:-default} is its default. */
    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> result = new LinkedHashMap<>();
        map(service.get("environment")).forEach((name, value) ->
                result.put(name, value == null ? "" : interpolate(String.valueOf(value))));
        return result;
    }

    private static String interpolate(String value) {
        Matcher variable = COMPOSE_VARIABLE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (variable.find()) {
            variable.appendReplacement(result, Matcher.quoteReplacement(variable.group(3)));
        }
        variable.appendTail(result);
        return result.toString().replace("$$", "$");
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> map(Object value) {
        return value == null ? Map.of() : (Map<String, V>) value;
    }

    private static List<String> list(Object value) {
        if (value == null) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        ((List<?>) value).forEach(item -> result.add(String.valueOf(item)));
        return result;
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return map(new Yaml().load(Files.readString(file, StandardCharsets.UTF_8)));
    }

    private static boolean composeVersionAtLeast(int major, int minor) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("docker", "compose", "version", "--short").redirectErrorStream(true).start();
        } catch (IOException notOnPath) {
            return false;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            return false;
        }
        Matcher version = Pattern.compile("^v?(\\d+)\\.(\\d+)").matcher(output);
        if (!version.find()) {
            return false;
        }
        int foundMajor = Integer.parseInt(version.group(1));
        return foundMajor > major || foundMajor == major && Integer.parseInt(version.group(2)) >= minor;
    }

    private static int run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).inheritIO().start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
