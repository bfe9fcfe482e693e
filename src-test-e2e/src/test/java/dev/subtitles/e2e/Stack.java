package dev.subtitles.e2e;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Services started as separate processes (the four of {@link #SERVICES} unless a test asks for fewer or more)
 * against the local PostgreSQL, Redis and RabbitMQ, on free ports and with names of their own (database
 * {@code subtitles_test}) so that a running stack is not disturbed; the database migrated first by the packaged
 * {@link Migrations}, as an operator does.
 * <p>
 * Authentication is off ({@code AUTH=off}, every request is tenant {@code default} with every role) unless the
 * environment turns it on: only the security tests run with tokens, by starting the stack with
 * {@link TokenIssuer#withAuth} and sending {@link TokenIssuer#token}s.
 */
public final class Stack implements AutoCloseable {

    public static final List<String> SERVICES = List.of("event-consumer", "manager", "downloader", "translator");

    private static final Path ROOT = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();

    private final List<ServiceProcess> processes;
    private final Map<String, String> environment;
    private final Map<String, Map<String, String>> serviceEnvironments;
    private final HttpClient http = HttpClient.newHttpClient();

    private Stack(List<ServiceProcess> processes, Map<String, String> environment,
            Map<String, Map<String, String>> serviceEnvironments) {
        this.processes = processes;
        this.environment = environment;
        this.serviceEnvironments = serviceEnvironments;
    }

    static Stack start(Map<String, String> environment) throws IOException, InterruptedException {
        return start(environment, SERVICES);
    }

    /**
     * Starts only some of the services, in the order given (the event-consumer first: it declares the exchange the
     * others publish to), for a test that plays the missing ones itself.
     */
    static Stack start(Map<String, String> environment, List<String> services)
            throws IOException, InterruptedException {
        return start(environment, services, Map.of());
    }

    /**
     * Starts the services with, for each one named in {@code serviceEnvironments}, its own additions to the shared
     * environment (the chaos suite gives each service its own proxies to the servers); a restart keeps them.
     */
    public static Stack start(Map<String, String> environment, List<String> services,
            Map<String, Map<String, String>> serviceEnvironments) throws IOException, InterruptedException {
        List<ServiceProcess> started = new ArrayList<>();
        Stack stack = new Stack(started, environment, Map.copyOf(serviceEnvironments));
        try {
            Migrations.apply(ROOT, environment);
            for (String service : services) {
                started.add(ServiceProcess.start(ROOT, service, stack.environmentOf(service)));
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

    public ServiceProcess service(String name) {
        return processes.stream()
                .filter(process -> process.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    /** Stops one service gracefully, as an operator scaling it to zero would. */
    public void stop(String name) throws InterruptedException {
        ServiceProcess process = service(name);
        process.close();
        processes.remove(process);
    }

    /** Kills one service with SIGKILL, as the kernel's OOM killer or a lost node would, and waits until it is gone. */
    public void kill(String name) throws IOException, InterruptedException {
        ServiceProcess process = service(name);
        process.signal("KILL");
        if (!process.awaitExit(Duration.ofSeconds(20))) {
            throw new IllegalStateException(name + " survived SIGKILL for 20 s");
        }
        processes.remove(process);
    }

    /** Starts a stopped service again and waits until it is ready. */
    public void restart(String name) throws IOException, InterruptedException {
        ServiceProcess process = ServiceProcess.start(ROOT, name, environmentOf(name));
        processes.add(process);
        process.awaitReady(http);
    }

    private Map<String, String> environmentOf(String service) {
        Map<String, String> merged = new HashMap<>(environment);
        merged.putAll(serviceEnvironments.getOrDefault(service, Map.of()));
        return merged;
    }

    /**
     * Starts one more instance of a module's service beside the running ones (a second manager, say), with the
     * stack's environment plus {@code extraEnvironment}, and waits until it is ready. It is stopped with the stack.
     */
    ServiceProcess addInstance(String module, String instance, Map<String, String> extraEnvironment)
            throws IOException, InterruptedException {
        Map<String, String> instanceEnvironment = new HashMap<>(environment);
        instanceEnvironment.putAll(extraEnvironment);
        ServiceProcess process = ServiceProcess.start(ROOT, module, instance, instanceEnvironment);
        processes.add(process);
        process.awaitReady(http);
        return process;
    }

    public List<ServiceProcess> services() {
        return List.copyOf(processes);
    }

    @Override
    public void close() throws InterruptedException {
        for (ServiceProcess process : processes) {
            process.close();
        }
    }
}
