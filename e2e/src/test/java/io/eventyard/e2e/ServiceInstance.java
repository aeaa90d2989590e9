package io.eventyard.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One service running in this JVM the way its jar would run alone: its own class loader, holding exactly
 * its classes and its runtime classpath (written by the build to {@code target/runtime-classpath.txt}), its
 * own Micronaut application context and HTTP server on a free port.
 *
 * <p>Separate class loaders matter: Micronaut finds beans by scanning the class path, so services sharing
 * one class path would each start every other service's listeners and controllers.
 */
final class ServiceInstance implements AutoCloseable {

    private final String module;
    private final int port;
    private final URLClassLoader loader;
    private final AutoCloseable context;

    private ServiceInstance(String module, int port, URLClassLoader loader, AutoCloseable context) {
        this.module = module;
        this.port = port;
        this.loader = loader;
        this.context = context;
    }

    static ServiceInstance start(String module, Map<String, Object> properties) {
        int port = freePort();
        Map<String, Object> all = new HashMap<>(properties);
        all.put("micronaut.server.port", port);
        URLClassLoader loader = new URLClassLoader(module, classPathOf(module), ClassLoader.getPlatformClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Class<?> micronaut = loader.loadClass("io.micronaut.runtime.Micronaut");
            Object builder = micronaut.getMethod("build", String[].class).invoke(null, (Object) new String[0]);
            builder = micronaut.getMethod("classLoader", ClassLoader.class).invoke(builder, loader);
            builder = micronaut.getMethod("properties", Map.class).invoke(builder, all);
            builder = micronaut.getMethod("deduceEnvironment", Boolean.class).invoke(builder, Boolean.FALSE);
            AutoCloseable context = (AutoCloseable) micronaut.getMethod("start").invoke(builder);
            return new ServiceInstance(module, port, loader, context);
        } catch (InvocationTargetException e) {
            closeQuietly(loader);
            throw new IllegalStateException(module + " did not start", e.getCause());
        } catch (ReflectiveOperationException e) {
            closeQuietly(loader);
            throw new IllegalStateException(module + " did not start", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String module() {
        return module;
    }

    @Override
    public void close() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            context.close();
        } catch (Exception e) {
            throw new IllegalStateException(module + " did not stop cleanly", e);
        } finally {
            thread.setContextClassLoader(previous);
            closeQuietly(loader);
        }
    }

    private static URL[] classPathOf(String module) {
        Path moduleDir = Path.of("..", module).toAbsolutePath().normalize();
        Path classpathFile = moduleDir.resolve("target/runtime-classpath.txt");
        try {
            List<URL> urls = new ArrayList<>();
            urls.add(moduleDir.resolve("target/classes").toUri().toURL());
            String classpath = Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
            for (String entry : classpath.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    urls.add(Path.of(entry).toUri().toURL());
                }
            }
            return urls.toArray(URL[]::new);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("build " + module + " first (./mvnw test builds it): " + classpathFile, e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // only open jar handles to release
        }
    }
}
