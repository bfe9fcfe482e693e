package dev.subtitles.e2e;

import java.io.IOException;
import java.io.Reader;
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
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import dev.subtitles.common.testing.LocalServerUsers;

/**
 * One packaged service ({@code target/quarkus-app/quarkus-run.jar}) running as its own JVM, on a free port, with its
 * output in {@code target/e2e-logs/<service>.log}. A service whose module enables the Quarkus management interface
 * (the manager and the event-consumer) serves health and metrics on a second free port ({@code MANAGEMENT_PORT});
 * the workers serve them on their HTTP port.
 * <p>
 * Every process gets the local servers' credentials ({@link LocalServerUsers}), {@code AUTH=off} and per-tenant limits
 * far above any test's load ({@link #LOCAL_DEFAULTS}) unless the environment it is started with says otherwise: only the tests
 * that are about
 * security run with tokens ({@link TokenIssuer#withAuth}) and their own limits; with authentication off every job is
 * tenant default's, so the default limits would throttle the load tests and the benchmarks.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    /**
     * What a service is started with, besides the local servers' users, unless its environment says otherwise: no
     * authentication, and limits no test reaches unless it sets them.
     */
    private static final Map<String, String> LOCAL_DEFAULTS = Map.of(
            "AUTH", "off",
            "MANAGER_LIMITS_SUBMISSIONS_PER_SECOND", "1000000",
            "MANAGER_LIMITS_SUBMISSION_BURST", "1000000",
            "MANAGER_LIMITS_JOBS_IN_FLIGHT", "1000000");

    private final String name;
    private final int port;
    private final int healthPort;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, int healthPort, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.healthPort = healthPort;
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
        boolean management = hasManagementInterface(root, module);
        int[] ports = freePorts(management ? 2 : 1);

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
        builder.environment().putAll(LocalServerUsers.ENVIRONMENT);
        builder.environment().putAll(LOCAL_DEFAULTS);
        builder.environment().putAll(environment);
        builder.environment().put("HTTP_PORT", Integer.toString(ports[0]));
        if (management) {
            builder.environment().put("MANAGEMENT_PORT", Integer.toString(ports[1]));
        }
        return new ServiceProcess(instance, ports[0], ports[ports.length - 1], builder.start(), log);
    }

    /**
     * Whether the module's service serves health and metrics on the management interface, as its
     * {@code application.properties} (packaged in the same reactor) says.
     */
    private static boolean hasManagementInterface(Path root, String module) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(
                root.resolve(module).resolve("src/main/resources/application.properties"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return Boolean.parseBoolean(properties.getProperty("quarkus.management.enabled", "false").trim());
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

    /** Where the service's API is: its HTTP port. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * Where the service's health ({@code /q/health/*}) and metrics ({@code /q/metrics}) are, without a token: its
     * management port, or its HTTP port if it has no management interface.
     */
    public URI healthUri() {
        return URI.create("http://127.0.0.1:" + healthPort);
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

    /** Waits until {@code /q/health/ready} answers 200 on {@link #healthUri()}, failing early if the process died. */
    void awaitReady(HttpClient http) throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        HttpRequest request = HttpRequest.newBuilder(healthUri().resolve("/q/health/ready"))
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

    /** {@code count} distinct free ports: all held open at once, so none is handed out twice. */
    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
