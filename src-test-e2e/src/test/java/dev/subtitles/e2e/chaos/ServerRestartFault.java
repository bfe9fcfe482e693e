package dev.subtitles.e2e.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Restarts a SHARED server (RabbitMQ's app, PostgreSQL, Redis) with jobs in flight. It disturbs everybody using the
 * server (a Redis restart empties it: this machine's Redis keeps nothing on disk), so it runs only in the full form
 * and only with {@code -Dchaos.sharedServers=restart}: never in the default build, never next to other people's
 * tests.
 */
public record ServerRestartFault(ChaosStack.Server server, Duration down) implements Fault {

    @Override
    public String name() {
        return "restart shared " + server.name().toLowerCase() + " (" + down.toSeconds() + " s down)";
    }

    @Override
    public void apply(FaultContext context) throws Exception {
        Thread.sleep(500);
        switch (server) {
            case RABBITMQ -> {
                ChaosStack.run(List.of("rabbitmqctl", "stop_app"));
                Thread.sleep(down.toMillis());
                ChaosStack.run(List.of("rabbitmqctl", "start_app"));
            }
            case POSTGRESQL -> {
                String version;
                try (var versions = Files.list(Path.of("/etc/postgresql"))) {
                    version = versions.map(path -> path.getFileName().toString()).sorted().findFirst()
                            .orElseThrow();
                }
                ChaosStack.run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "stop"));
                Thread.sleep(down.toMillis());
                ChaosStack.run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"));
            }
            case REDIS -> {
                try {
                    ChaosStack.run(List.of("redis-cli", "shutdown", "nosave"));
                } catch (java.io.IOException closedAsItExits) {
                    // redis-cli may report the connection the exiting server closed
                }
                Thread.sleep(down.toMillis());
                ChaosStack.run(List.of("redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port",
                        "6379", "--save", "", "--appendonly", "no"));
            }
        }
    }
}
