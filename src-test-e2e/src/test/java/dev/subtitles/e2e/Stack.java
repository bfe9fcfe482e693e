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

    private final List<ServiceProcess> processes;

    private Stack(List<ServiceProcess> processes) {
        this.processes = processes;
    }

    static Stack start(Map<String, String> environment) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
        List<ServiceProcess> started = new ArrayList<>();
        Stack stack = new Stack(started);
        try {
            for (String service : SERVICES) {
                started.add(ServiceProcess.start(root, service, environment));
            }
            HttpClient http = HttpClient.newHttpClient();
            for (ServiceProcess process : started) {
                process.awaitReady(http);
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
