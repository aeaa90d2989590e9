package io.eventyard.broker.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** The addresses a connection reports to the management API and the logs, whatever the transport. */
public final class PeerAddresses {

    private PeerAddresses() {
    }

    /**
     * {@code address} as an internet address. TCP sockets always have one; an in-process transport (a test's
     * EmbeddedChannel) may not, and then counts as loopback.
     */
    public static InetSocketAddress inet(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet
                : new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }
}
