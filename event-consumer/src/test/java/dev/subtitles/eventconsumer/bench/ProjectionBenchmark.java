package dev.subtitles.eventconsumer.bench;

import static dev.subtitles.common.event.EventType.DOWNLOAD_REQUESTED;
import static dev.subtitles.common.event.EventType.DOWNLOAD_STARTED;
import static dev.subtitles.common.event.EventType.RETRY_SCHEDULED;
import static dev.subtitles.common.event.EventType.TRANSLATED;
import static dev.subtitles.common.event.EventType.TRANSLATE_REQUESTED;
import static dev.subtitles.common.event.EventType.TRANSLATE_STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.projection.ProjectionKeys;
import dev.subtitles.common.schema.Schema;
import dev.subtitles.common.testing.LocalServerUsers;
import dev.subtitles.common.testing.TestSchemas;
import dev.subtitles.eventconsumer.testing.TestBroker;
import dev.subtitles.eventconsumer.testing.TestEvents;
import dev.subtitles.eventconsumer.testing.TestTopology;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;

/**
 * Throughput and latency of the packaged event-consumer ({@code target/quarkus-app/quarkus-run.jar}) against the
 * local RabbitMQ, Redis and PostgreSQL. Not part of the default test run; prints its figures. Run with:
 *
 * <pre>
 * ./mvnw -B verify -pl common,event-consumer -Dbench=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Options: {@code -Dbench.jobs=} (10,000), {@code -Dbench.instances=1,2}, {@code -Dbench.skip-throughput=true},
 * {@code -Dbench.skip-latency=true}, {@code -Dbench.debug=true} (debug logs), {@code -Dbench.jfr=true} (a JFR
 * recording per instance in {@code target/}, or {@code -Dbench.jfr=<settings.jfc>}).
 * <p>
 * Throughput: 100,000 events over 10,000 jobs (10 events each, published step by step across all jobs, as many jobs
 * in flight would produce them) are put on the queue first, then 1 or 2 instances are started; events/s is measured
 * over the window PostgreSQL recorded them in ({@code recorded_at}), so startup does not count. Latency: with the
 * instances running, events are published at a fixed rate and the time from each event's {@code time} to its
 * announcement on the Redis pub/sub channel (i.e. when the manager can see it) is recorded.
 * <p>
 * Each figure comes with the load average and the CPU time per event of the instances and of the RabbitMQ,
 * PostgreSQL and Redis server processes ({@link ServerCpu}), which depends much less on other load than events/s.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ProjectionBenchmark {

    private static final EventType[] STEPS = { DOWNLOAD_REQUESTED, DOWNLOAD_STARTED, RETRY_SCHEDULED,
            DOWNLOAD_STARTED, TRANSLATE_REQUESTED, TRANSLATE_STARTED, RETRY_SCHEDULED, TRANSLATE_STARTED,
            RETRY_SCHEDULED, TRANSLATED };
    private static final int JOBS = Integer.getInteger("bench.jobs", 10_000);
    private static final int RATE_PER_SECOND = 2_000;
    private static final Duration LATENCY_RUN = Duration.ofSeconds(20);
    private static final EventCodec CODEC = new EventCodec();
    /** The event time in a history entry, whatever the JSON spacing. */
    private static final Pattern ENTRY_TIME = Pattern.compile("\"time\"\\s*:\\s*\"([^\"]+)\"");
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final List<Process> instances = new ArrayList<>();

    @AfterAll
    static void cleanUp() {
        new TestTopology().stop();
    }

    @Test
    void throughputAndLatencyWithOneAndTwoInstances() throws Exception {
        assertThat(JAR).as("packaged application; run ./mvnw package first").exists();
        // A first start declares the topology, so the backlog has a queue to wait in.
        startInstances(1);
        stopInstances();

        StringBuilder report = new StringBuilder("\n=== event-consumer benchmark ===\n");
        for (String instanceCount : System.getProperty("bench.instances", "1,2").split(",")) {
            int count = Integer.parseInt(instanceCount.trim());
            if (Boolean.getBoolean("bench.skip-throughput")) {
                startInstances(count);
            } else {
                report.append(throughput(count));
            }
            if (!Boolean.getBoolean("bench.skip-latency")) {
                report.append(latency(count));
            }
            stopInstances();
        }
        System.out.println(report);
    }

    private String throughput(int instanceCount) throws Exception {
        long total = (long) JOBS * STEPS.length;
        long expected = recorded() + total;
        publishBacklog();
        startInstances(instanceCount);
        Duration cpuBefore = instancesCpu();
        Map<String, Duration> serversBefore = ServerCpu.snapshot();
        Map<Long, Duration> backendsBefore = ServerCpu.ownByPid("postgres");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        // The queue's depth is a cheap question; counting the event log is a table scan, which would compete with
        // the instances for the CPU, so it is asked only for the last prefetch-full of events.
        try (TestBroker broker = new TestBroker()) {
            while (broker.readyInQueue() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
        }
        while (recorded() < expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Duration cpu = instancesCpu().minus(cpuBefore);
        Map<String, Duration> servers = ServerCpu.between(serversBefore, ServerCpu.snapshot());
        Duration backends = instanceBackendsCpu(backendsBefore);
        assertThat(recorded()).as("events recorded").isEqualTo(expected);
        long[] window = newestRecordingWindowMicros(total);
        double seconds = (window[1] - window[0]) / 1_000_000.0;
        return String.format("throughput, %d instance(s): %,d events over %,d jobs in %.2f s = %,.0f events/s"
                + " (load average %s)%n  CPU per event: %s%n", instanceCount, total, JOBS, seconds, total / seconds,
                loadAverage(), cpuPerEvent(cpu, servers, backends, total));
    }

    /**
     * CPU per event of the instances and of each server, and their sum. The servers' figures include whatever else
     * used them meanwhile (on a shared machine, other builds' tests).
     */
    private static String cpuPerEvent(Duration instances, Map<String, Duration> servers, Duration backends,
            long events) {
        StringBuilder line = new StringBuilder(String.format("event-consumer %.0f µs", micros(instances) / events));
        Duration all = instances;
        for (Map.Entry<String, Duration> server : servers.entrySet()) {
            line.append(String.format(", %s %.0f µs", server.getKey(), micros(server.getValue()) / events));
            all = all.plus(server.getValue());
        }
        return line.append(String.format("; all %.0f µs (of postgres: the instances' backends %.0f µs)",
                micros(all) / events, micros(backends) / events)).toString();
    }

    /** CPU the PostgreSQL backends serving the instances' connections used since {@code before}. */
    private Duration instanceBackendsCpu(Map<Long, Duration> before) {
        List<Integer> ports = new ArrayList<>();
        instances.forEach(instance -> ports.addAll(ServerCpu.connectionPorts(instance.pid(), 5432)));
        Map<Long, Duration> now = ServerCpu.ownByPid("postgres");
        Duration used = Duration.ZERO;
        try (Connection connection = connect();
                PreparedStatement backends = connection.prepareStatement(
                        "SELECT pid FROM pg_stat_activity WHERE client_port = ANY(?)")) {
            backends.setArray(1, connection.createArrayOf("integer", ports.toArray()));
            try (ResultSet rows = backends.executeQuery()) {
                while (rows.next()) {
                    long pid = rows.getLong(1);
                    used = used.plus(now.getOrDefault(pid, Duration.ZERO)
                            .minus(before.getOrDefault(pid, Duration.ZERO)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return used;
    }

    private static double micros(Duration duration) {
        return duration.toNanos() / 1000.0;
    }

    /** The 1, 5 and 15 minute load averages, which say how busy the machine was while measuring. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** Publishes the 100,000 events while no instance consumes. */
    private static void publishBacklog() {
        List<UUID> jobs = new ArrayList<>(JOBS);
        for (int i = 0; i < JOBS; i++) {
            jobs.add(UUID.randomUUID());
        }
        try (TestBroker broker = new TestBroker()) {
            int sent = 0;
            for (EventType step : STEPS) {
                for (UUID jobId : jobs) {
                    JobEvent<?> event = TestEvents.event(jobId, step);
                    broker.send(step.routingKey(), CODEC.encode(event), CODEC.contentType());
                    if (++sent % 5_000 == 0) {
                        broker.awaitConfirms();
                    }
                }
            }
            broker.awaitConfirms();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String latency(int instanceCount) throws Exception {
        Vertx vertx = Vertx.vertx();
        List<Long> lagsMicros = Collections.synchronizedList(new ArrayList<>());
        String channel = new ProjectionKeys(TestTopology.KEY_PREFIX).channel();
        RedisConnection subscriber = Redis.createClient(vertx, "redis://localhost:6379").connect()
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        subscriber.handler(message -> {
            if (message.size() == 3 && "message".equals(message.get(0).toString())) {
                long now = nowMicros();
                Matcher time = ENTRY_TIME.matcher(message.get(2).toString());
                if (time.find()) {
                    lagsMicros.add(now - toMicros(Instant.parse(time.group(1))));
                }
            }
        });
        subscriber.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        int total = (int) (RATE_PER_SECOND * LATENCY_RUN.toSeconds());
        List<UUID> jobs = new ArrayList<>();
        for (int i = 0; i < total / STEPS.length; i++) {
            jobs.add(UUID.randomUUID());
        }
        int perTick = RATE_PER_SECOND / 100;
        Duration cpuBefore = instancesCpu();
        Map<String, Duration> serversBefore = ServerCpu.snapshot();
        Map<Long, Duration> backendsBefore = ServerCpu.ownByPid("postgres");
        try (TestBroker broker = new TestBroker()) {
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                if (i % perTick == 0) {
                    long due = start + TimeUnit.MILLISECONDS.toNanos(10L * (i / perTick));
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    broker.awaitConfirms();
                }
                UUID jobId = jobs.get(i % jobs.size());
                JobEvent<?> event = TestEvents.event(jobId, STEPS[Math.min(i / jobs.size(), STEPS.length - 1)]);
                broker.send(event.type().routingKey(), CODEC.encode(event), CODEC.contentType());
            }
            broker.awaitConfirms();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lagsMicros.size() < total && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Duration cpu = instancesCpu().minus(cpuBefore);
        Map<String, Duration> servers = ServerCpu.between(serversBefore, ServerCpu.snapshot());
        Duration backends = instanceBackendsCpu(backendsBefore);
        subscriber.close();
        vertx.close();
        long[] lags = lagsMicros.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format("latency at %,d events/s, %d instance(s): %,d of %,d events, p50 %.1f ms, p99 %.1f ms,"
                + " max %.1f ms (load average %s)%n  CPU per event: %s%n", RATE_PER_SECOND, instanceCount,
                lags.length, total, percentile(lags, 0.50), percentile(lags, 0.99),
                lags.length == 0 ? 0 : lags[lags.length - 1] / 1000.0, loadAverage(),
                cpuPerEvent(cpu, servers, backends, total));
    }

    private static double percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1000.0;
    }

    private static long nowMicros() {
        return toMicros(Instant.now());
    }

    private static long toMicros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    private void startInstances(int count) throws Exception {
        TestSchemas.migrate("jdbc:postgresql://localhost:5432/" + System.getenv().getOrDefault("TEST_DB_NAME",
                "subtitles_test"), Schema.EVENTS, Schema.MANAGER);
        for (int i = 0; i < count; i++) {
            int port = freePort();
            int managementPort = freePort();
            ProcessBuilder builder = new ProcessBuilder("java", "-jar", JAR.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(new File("target/bench-instance-" + instances.size() + ".log"));
            Map<String, String> env = builder.environment();
            env.putAll(LocalServerUsers.ENVIRONMENT);
            env.put("HTTP_PORT", Integer.toString(port));
            env.put("MANAGEMENT_PORT", Integer.toString(managementPort));
            // The benchmark calls no protected route: no key to configure.
            env.put("AUTH", "off");
            env.put("DB_NAME", System.getenv().getOrDefault("TEST_DB_NAME", "subtitles_test"));
            env.put("EVENTS_EXCHANGE", TestTopology.EXCHANGE);
            env.put("EVENTS_DEAD_LETTER_EXCHANGE", TestTopology.DEAD_LETTER_EXCHANGE);
            env.put("PROJECTION_QUEUE", TestTopology.QUEUE);
            env.put("WEBHOOKS_QUEUE", TestTopology.WEBHOOKS_QUEUE);
            env.put("PROJECTION_KEY_PREFIX", TestTopology.KEY_PREFIX);
            if (Boolean.getBoolean("bench.debug")) {
                env.put("QUARKUS_LOG_CATEGORY__DEV_SUBTITLES__LEVEL", "DEBUG");
            }
            String jfrSettings = System.getProperty("bench.jfr", "false");
            if (!"false".equals(jfrSettings)) {
                env.put("JAVA_TOOL_OPTIONS", "-XX:FlightRecorderOptions=stackdepth=256"
                        + " -XX:StartFlightRecording=filename=target/bench-instance-"
                        + instances.size() + ".jfr,settings=" + ("true".equals(jfrSettings) ? "profile" : jfrSettings));
            }
            instances.add(builder.start());
            awaitReady(managementPort);
        }
    }

    /** CPU time the running instances have used so far. */
    private Duration instancesCpu() {
        return instances.stream().map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    private void stopInstances() throws InterruptedException {
        for (Process instance : instances) {
            instance.destroy();
            instance.waitFor(30, TimeUnit.SECONDS);
        }
        instances.clear();
    }

    /** Waits until the instance whose management interface listens on {@code port} is ready. */
    private static void awaitReady(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build();
        // Generous: on a machine shared with other builds, a start can take minutes.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("instance on port " + port + " did not become ready");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Events of this run in the event log. */
    private static long recorded() {
        try (Connection connection = connect();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM events.job_event WHERE source = ?")) {
            count.setString(1, TestEvents.SOURCE.toString());
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** First and last {@code recorded_at} of the newest {@code count} events of this run. */
    private static long[] newestRecordingWindowMicros(long count) {
        try (Connection connection = connect();
                PreparedStatement window = connection.prepareStatement("""
                        SELECT extract(epoch FROM min(recorded_at)) * 1000000, extract(epoch FROM max(recorded_at)) * 1000000
                        FROM (SELECT recorded_at FROM events.job_event WHERE source = ?
                              ORDER BY recorded_at DESC LIMIT ?) newest""")) {
            window.setString(1, TestEvents.SOURCE.toString());
            window.setLong(2, count);
            try (ResultSet rows = window.executeQuery()) {
                rows.next();
                return new long[] { rows.getLong(1), rows.getLong(2) };
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:5432/"
                + System.getenv().getOrDefault("TEST_DB_NAME", "subtitles_test"), "postgres", "postgres");
    }
}
