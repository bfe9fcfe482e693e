package dev.subtitles.e2e;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The four services started as separate processes against the local PostgreSQL, Redis and RabbitMQ, on free ports
 * and with names of their own (database {@code subtitles_test}) so that a running stack is not disturbed.
 */
final class Stack implements AutoCloseable {

    static final List<String> SERVICES = List.of("event-consumer", "manager", "downloader", "translator");

    private static final Path ROOT = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();

    private final List<ServiceProcess> processes;
    private final Map<String, String> environment;
    private final HttpClient http = HttpClient.newHttpClient();

    private Stack(List<ServiceProcess> processes, Map<String, String> environment) {
        this.processes = processes;
        this.environment = environment;
    }

    static Stack start(Map<String, String> environment) throws IOException, InterruptedException {
        List<ServiceProcess> started = new ArrayList<>();
        Stack stack = new Stack(started, environment);
        try {
            for (String service : SERVICES) {
                started.add(ServiceProcess.start(ROOT, service, environment));
            }
            for (ServiceProcess process : started) {
                process.awaitReady(stack.http);
            }
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    ServiceProcess service(String name) {
        return processes.stream()
                .filter(process -> process.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    /** Stops one service gracefully, as an operator scaling it to zero would. */
    void stop(String name) throws InterruptedException {
        ServiceProcess process = service(name);
        process.close();
        processes.remove(process);
    }

    /** Starts a stopped service again and waits until it is ready. */
    void restart(String name) throws IOException, InterruptedException {
        ServiceProcess process = ServiceProcess.start(ROOT, name, environment);
        processes.add(process);
        process.awaitReady(http);
    }

    List<ServiceProcess> services() {
        return List.copyOf(processes);
    }

    @Override
    public void close() throws InterruptedException {
        for (ServiceProcess process : processes) {
            process.close();
        }
    }
}
