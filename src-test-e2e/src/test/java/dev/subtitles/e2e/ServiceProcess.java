package dev.subtitles.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service ({@code target/quarkus-app/quarkus-run.jar}) running as its own JVM, on a free port, with its
 * output in {@code target/e2e-logs/<service>.log}.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the service of module {@code module} with the given environment on top of the inherited one.
     * Extra JVM options (such as the JaCoCo agent) come from the {@code e2e.jvmArgs} system property, the JDK from
     * {@code e2e.javaHome} (the one running the tests unless set), and the use of an AOT cache from
     * {@code e2e.aotCache} ({@link AotCacheMode}).
     */
    static ServiceProcess start(Path root, String module, Map<String, String> environment) throws IOException {
        return start(root, module, module, environment);
    }

    /**
     * Starts one more instance of module {@code module}'s service, named {@code instance} (its log is
     * {@code <instance>.log}), as {@link #start(Path, String, Map)} does.
     */
    static ServiceProcess start(Path root, String module, String instance, Map<String, String> environment)
            throws IOException {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw -B verify)");
        }
        Path logs = root.resolve("src-test-e2e/target/e2e-logs");
        Files.createDirectories(logs);
        Path log = logs.resolve(instance + ".log");
        int port = freePort();

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("e2e.javaHome", System.getProperty("java.home")), "bin", "java")
                .toString());
        String jvmArgs = System.getProperty("e2e.jvmArgs", "").trim();
        if (!jvmArgs.isEmpty()) {
            command.addAll(List.of(jvmArgs.split("\\s+")));
        }
        command.addAll(AotCacheMode.fromSystemProperty().jvmArgs(jar.resolveSibling("app.aot")));
        command.add("-jar");
        command.add(jar.toString());

        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("HTTP_PORT", Integer.toString(port));
        return new ServiceProcess(instance, port, builder.start(), log);
    }

    /** The instance name: the module's name, unless it was started as one more instance of it. */
    public String name() {
        return name;
    }

    /** CPU time the process has used so far (user and system, all its threads). */
    Duration cpuTime() {
        return process.info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("the OS does not report the CPU time of " + name));
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The operating system's id of the process, for signals. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Where the process writes its output. */
    public Path log() {
        return log;
    }

    /**
     * Sends a signal by name ({@code KILL}, {@code TERM}, {@code STOP}, {@code CONT}) with {@code kill}, as an
     * operator or the kernel would; returns at once, without waiting for the process to react.
     */
    public void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + process.pid() + " failed: " + output);
        }
    }

    /** Waits until the process has exited, at most {@code timeout}; {@code true} if it has. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until {@code /q/health/ready} answers 200, failing early if the process died. */
    void awaitReady(HttpClient http) throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        HttpRequest request = HttpRequest.newBuilder(baseUri().resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ", see " + log);
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // the port opens only once the service has started
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + START_TIMEOUT + ", see " + log);
    }

    /** Stops gracefully (SIGTERM), as an orchestrator would, and forcibly only if that takes too long. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        // a stopped (SIGSTOP) process would not act on SIGTERM
        try {
            signal("CONT");
        } catch (IOException alreadyGone) {
            // exited meanwhile
        }
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
