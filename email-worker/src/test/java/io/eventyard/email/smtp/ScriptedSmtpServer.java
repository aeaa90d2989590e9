package io.eventyard.email.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real SMTP endpoint on a free port whose behaviour a test switches: refuse each connection with a
 * 421 greeting, talk SMTP but reject every recipient with 550, or relay the connection byte for byte
 * to a real SMTP server (GreenMail). Counts the connections it took.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    public enum Behaviour { GREET_421, REJECT_RECIPIENT_550, RELAY }

    private final ServerSocket serverSocket;
    private final int relayPort;
    private final AtomicReference<Behaviour> behaviour;
    private final AtomicInteger refusalsLeft = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    public ScriptedSmtpServer(Behaviour initial, int relayPort) throws IOException {
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.relayPort = relayPort;
        this.behaviour = new AtomicReference<>(initial);
        this.acceptor = new Thread(this::acceptLoop, "scripted-smtp-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Greets the next {@code count} connections with 421, then relays. */
    public void refuseNext(int count) {
        refusalsLeft.set(count);
        behaviour.set(Behaviour.RELAY);
    }

    public void behave(Behaviour next) {
        refusalsLeft.set(0);
        behaviour.set(next);
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket client = serverSocket.accept();
                connections.incrementAndGet();
                Behaviour now = refusalsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? Behaviour.GREET_421 : behaviour.get();
                Thread handler = new Thread(() -> serve(client, now), "scripted-smtp-conn");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client, Behaviour how) {
        try (client) {
            switch (how) {
                case GREET_421 -> reply(writer(client), "421 4.3.2 scripted server busy, try again later");
                case REJECT_RECIPIENT_550 -> rejectRecipients(client);
                case RELAY -> relay(client);
            }
        } catch (IOException ignored) {
            // the client went away; nothing to report
        }
    }

    private void rejectRecipients(Socket client) throws IOException {
        Writer out = writer(client);
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        reply(out, "220 scripted ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
            switch (command) {
                case "RCPT" -> reply(out, "550 5.1.1 no such mailbox here");
                case "QUIT" -> {
                    reply(out, "221 2.0.0 bye");
                    return;
                }
                default -> reply(out, "250 OK");
            }
        }
    }

    private void relay(Socket client) throws IOException {
        try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), relayPort)) {
            Thread down = pipe(upstream.getInputStream(), client.getOutputStream());
            pump(client.getInputStream(), upstream.getOutputStream());
            try {
                down.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Thread pipe(InputStream in, OutputStream out) {
        Thread thread = new Thread(() -> {
            try {
                pump(in, out);
            } catch (IOException ignored) {
                // one side closed
            }
        }, "scripted-smtp-relay");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void pump(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            out.flush();
        }
        out.close();
    }

    private static Writer writer(Socket socket) throws IOException {
        return new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() {
        try {
            serverSocket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
