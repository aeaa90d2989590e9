package io.eventyard.homehub.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test's Server-Sent Events client over a real socket: reads {@code event:}/{@code data:} frames on its own
 * thread into a queue.
 */
final class SseStream implements AutoCloseable {

    /** @param retry the reconnection delay the server asked for, null when it did not */
    record Frame(String event, String data, String retry) {
    }

    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final InputStream body;
    private final Thread reader;

    SseStream(URI uri) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode());
        }
        this.body = response.body();
        this.reader = new Thread(this::read, "sse-" + uri.getPath());
        reader.setDaemon(true);
        reader.start();
    }

    /** The next frame other than a heartbeat, waiting at most {@code timeout}; fails when none came. */
    Frame next(Duration timeout) throws InterruptedException {
        while (true) {
            Frame frame = nextOrHeartbeat(timeout);
            if (!"heartbeat".equals(frame.event())) {
                return frame;
            }
        }
    }

    /** The next frame, heartbeats included, waiting at most {@code timeout}; fails when none came. */
    Frame nextOrHeartbeat(Duration timeout) throws InterruptedException {
        Frame frame = frames.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (frame == null) {
            throw new AssertionError("no event within " + timeout);
        }
        return frame;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String event = "message";
            String retry = null;
            StringBuilder data = new StringBuilder();
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        frames.add(new Frame(event, data.toString(), retry));
                    }
                    event = "message";
                    retry = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("retry:")) {
                    retry = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).stripLeading());
                }
            }
        } catch (IOException e) {
            // closed by the test
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
        reader.interrupt();
    }
}
