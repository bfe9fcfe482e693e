package dev.subtitles.e2e.chaos;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.subtitles.common.testing.TcpProxy;
import dev.subtitles.e2e.BrokerTap;
import dev.subtitles.e2e.E2eNames;
import dev.subtitles.e2e.IsolatedStack;
import dev.subtitles.e2e.Stack;

/**
 * The four packaged services of one chaos run, each reaching each server (RabbitMQ, PostgreSQL, Redis) through a
 * {@link TcpProxy} of its own, so that a fault can cut one service's link to one server while the shared server and
 * everybody else's links stay up; with the run's names, a tap on its exchange and a client of its manager.
 */
public final class ChaosStack implements AutoCloseable {

    /** The servers the services use, on their usual local ports. */
    public enum Server {
        RABBITMQ(5672),
        POSTGRESQL(5432),
        REDIS(6379);

        private final int port;

        Server(int port) {
            this.port = port;
        }

        /** The environment that points a service at {@code port} instead of the server's own port. */
        Map<String, String> environment(int proxyPort) {
            return switch (this) {
                case RABBITMQ -> Map.of("RABBITMQ_PORT", Integer.toString(proxyPort));
                case POSTGRESQL -> Map.of("DB_PORT", Integer.toString(proxyPort));
                case REDIS -> Map.of("REDIS_URL", "redis://localhost:" + proxyPort);
            };
        }
    }

    private final IsolatedStack run;
    private final Map<String, Map<Server, TcpProxy>> proxies;
    private final ManagerClient manager;
    private final Connection broker;

    private ChaosStack(IsolatedStack run, Map<String, Map<Server, TcpProxy>> proxies, Connection broker) {
        this.run = run;
        this.proxies = proxies;
        this.broker = broker;
        this.manager = new ManagerClient(this::managerUri);
    }

    /**
     * Starts the run: a database of its own (so that no other run's manager relays its outbox), proxies, tap, the
     * four services.
     */
    public static ChaosStack start() throws IOException, InterruptedException, TimeoutException {
        Map<String, Map<Server, TcpProxy>> proxies = new HashMap<>();
        Map<String, Map<String, String>> environments = new HashMap<>();
        for (String service : Stack.SERVICES) {
            Map<Server, TcpProxy> own = new EnumMap<>(Server.class);
            Map<String, String> environment = new HashMap<>();
            for (Server server : Server.values()) {
                TcpProxy proxy = new TcpProxy("127.0.0.1", server.port);
                own.put(server, proxy);
                environment.putAll(server.environment(proxy.port()));
            }
            proxies.put(service, own);
            environments.put(service, environment);
        }
        IsolatedStack run = IsolatedStack.start(environments);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("localhost");
        Connection broker = factory.newConnection("e2e-chaos");
        return new ChaosStack(run, proxies, broker);
    }

    public E2eNames names() {
        return run.names();
    }

    public Stack stack() {
        return run.stack();
    }

    public BrokerTap tap() {
        return run.tap();
    }

    public ManagerClient manager() {
        return manager;
    }

    /** A connection of the suite's own to the broker (for poison messages and reading DLQs). */
    public Connection broker() {
        return broker;
    }

    public TcpProxy proxy(String service, Server server) {
        return proxies.get(service).get(server);
    }

    public URI baseUri(String service) {
        return run.stack().service(service).baseUri();
    }

    private URI managerUri() {
        return baseUri("manager");
    }

    /** Runs a command line to its end (at most 60 s) and returns its output; fails on a non-zero exit. */
    public static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within 60 s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    @Override
    public void close() throws Exception {
        try {
            run.close();
        } finally {
            broker.close();
            proxies.values().forEach(own -> own.values().forEach(TcpProxy::close));
        }
    }
}
