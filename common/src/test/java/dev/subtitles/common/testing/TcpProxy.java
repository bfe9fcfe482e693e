package dev.subtitles.common.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A TCP forwarder that a test can cut and restore, to take a server (broker, Redis, PostgreSQL) away from the service
 * under test without touching the shared real server: cutting closes every forwarded connection and refuses new ones
 * until restored.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final ServerSocket control;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Socket> upstreams = ConcurrentHashMap.newKeySet();
    private volatile boolean open = true;

    public TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.control = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        Thread controller = new Thread(this::controlLoop, "tcp-proxy-control");
        controller.setDaemon(true);
        controller.start();
    }

    /**
     * A port that takes one command per connection, {@code cut} or {@code restore}, and answers {@code ok}: how a
     * test reaches the proxy whatever class loader each side was loaded by.
     */
    public int controlPort() {
        return control.getLocalPort();
    }

    /** Sends {@code command} to the proxy listening for commands on {@code controlPort}. */
    public static void command(int controlPort, String command) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), controlPort);
                PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.US_ASCII);
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))) {
            out.println(command);
            if (!"ok".equals(in.readLine())) {
                throw new IllegalStateException("proxy did not acknowledge " + command);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the proxy's control port", e);
        }
    }

    private void controlLoop() {
        while (!control.isClosed()) {
            try (Socket socket = control.accept();
                    BufferedReader in = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                    PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.US_ASCII)) {
                String command = in.readLine();
                if ("cut".equals(command)) {
                    cut();
                } else if ("restore".equals(command)) {
                    restore();
                }
                out.println("ok");
            } catch (IOException e) {
                if (control.isClosed()) {
                    return;
                }
            }
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /**
     * The local ports of the open connections from the proxy to its target: the peer ports the server sees, by which a
     * test finds the server's side of the connections it forwards (such as in {@code rabbitmqctl list_connections}).
     */
    public Set<Integer> upstreamPorts() {
        upstreams.removeIf(Socket::isClosed);
        return upstreams.stream().map(Socket::getLocalPort).collect(Collectors.toUnmodifiableSet());
    }

    /** Closes every connection and refuses new ones. */
    public void cut() {
        open = false;
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
        upstreams.clear();
    }

    /** Forwards new connections again. */
    public void restore() {
        open = true;
    }

    @Override
    public void close() {
        cut();
        closeQuietly(server);
        closeQuietly(control);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (!open) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                upstreams.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side or cut() closed the connection
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
