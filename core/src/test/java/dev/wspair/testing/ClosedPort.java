package dev.wspair.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port that refuses connections for as long as this is open: a socket is bound to it
 * but never listens, so connecting gets a reset and no other process can take the port meanwhile
 * (a closed {@code ServerSocket}'s port could be reused by a concurrent build).
 */
public final class ClosedPort implements AutoCloseable {

    private final Socket reserved;

    private ClosedPort(Socket reserved) {
        this.reserved = reserved;
    }

    public static ClosedPort reserve() throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new ClosedPort(socket);
    }

    public int port() {
        return this.reserved.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        this.reserved.close();
    }
}
