package dev.subtitles.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.subtitles.common.event.payload.DownloadStarted;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.format.SubtitleFormat;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;

/**
 * Fan-out of live progress: {@code bench.clients} (default 1,000) WebSocket clients spread over {@code bench.jobs}
 * (100) jobs on one packaged manager, while events are published at {@code bench.rate} (200) events/s for
 * {@code bench.seconds} (30) s, round-robin over the jobs, and the packaged event-consumer projects them. A warm-up
 * of {@code bench.warmup.seconds} (30) s with other jobs and clients comes first, so that the measured run is not
 * the JIT compiling the manager. Prints, for both, the latency from "projected" (the entry announced on the Redis
 * channel, timestamped by a subscriber in this JVM) to "received by the client", messages lost or duplicated, the
 * manager's and the event-consumer's CPU time per unit of work, and the load average. The manager and the
 * event-consumer are processes of their own, so the clients' CPU is not counted as theirs.
 * <p>
 * Not part of any default build; run with
 * {@code ./mvnw -B verify -Djacoco.skip=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
 * -Dit.test=LiveFanOutBenchmark -Dbench=true}.
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "bench", matches = "true")
class LiveFanOutBenchmark {

    private static final int JOBS = Integer.getInteger("bench.jobs", 100);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 1000);
    private static final int RATE = Integer.getInteger("bench.rate", 200);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final int WARM_UP_SECONDS = Integer.getInteger("bench.warmup.seconds", 30);
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    /** The target for p99; also the latency from which a message counts as late in a slow second. */
    private static final long TARGET_MILLIS = 100;

    @Test
    void everyClientGetsEveryEventOnceAndInOrderAndTheLatencyIsPrinted() throws Exception {
        E2eNames names = E2eNames.withOwnDatabase();
        Vertx channelLoop = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        Vertx clientLoop = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try (Stack stack = Stack.start(names.environment(), List.of("event-consumer", "manager"));
                ProjectionChannel channel = ProjectionChannel.subscribe(channelLoop, names.projectionChannel());
                ExchangePublisher downloader = ExchangePublisher.to(names.exchange(), "bench")) {
            Run run = new Run(stack.service("manager"), stack.service("event-consumer"), channel, downloader,
                    LiveSocket.client(clientLoop, 2 * CLIENTS));
            List<String> report = new ArrayList<>();
            List<Outcome> outcomes = new ArrayList<>();
            if (WARM_UP_SECONDS > 0) {
                outcomes.add(run.measure("warm-up (JIT still compiling)", WARM_UP_SECONDS, report));
            }
            outcomes.add(run.measure("measured", SECONDS, report));

            System.out.printf("==== live fan-out: %d WebSocket clients over %d jobs, %d events/s round-robin"
                    + " (then each job's end) ====%n", CLIENTS / JOBS * JOBS, JOBS, RATE);
            report.forEach(System.out::println);
            for (Outcome outcome : outcomes) {
                assertThat(outcome.lost()).as("messages lost").isZero();
                assertThat(outcome.duplicated()).as("messages duplicated").isZero();
                assertThat(outcome.outOfOrder()).as("clients that got events out of order").isZero();
                assertThat(outcome.uncleanEnds()).as("clients without end message and normal close").isZero();
            }
        } finally {
            channelLoop.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            clientLoop.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            names.delete();
        }
    }

    /** One manager under test, and what drives and watches it. */
    private record Run(ServiceProcess manager, ServiceProcess eventConsumer, ProjectionChannel channel,
            ExchangePublisher downloader, WebSocketClient webSockets) {

        /**
         * New jobs, their clients connected and holding the history (the first event), then {@code seconds} of
         * events at {@code RATE}; adds its figures to {@code report}.
         */
        Outcome measure(String label, int seconds, List<String> report) throws Exception {
            List<UUID> jobs = submitJobs(manager.baseUri());
            await().atMost(TIMEOUT).until(() -> jobs.stream().allMatch(job -> channel.announcedAt(job, 1).isPresent()));
            List<LiveSocket> sockets = connect(webSockets, manager.baseUri(), jobs);
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(withoutHistory(sockets))
                    .as("clients still without their job's first event").isEmpty());

            int rounds = Math.max(1, RATE * seconds / JOBS);
            String loadBefore = loadAverage();
            Duration managerCpu = manager.cpuTime();
            Duration consumerCpu = eventConsumer.cpuTime();
            long start = System.nanoTime();
            publish(downloader, jobs, rounds, start);
            CompletableFuture.allOf(sockets.stream().map(LiveSocket::closed).toArray(CompletableFuture[]::new))
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            managerCpu = manager.cpuTime().minus(managerCpu);
            consumerCpu = eventConsumer.cpuTime().minus(consumerCpu);
            String loadAfter = loadAverage();

            Outcome outcome = Outcome.of(sockets, channel, rounds + 2);
            int projected = JOBS * (rounds + 1);
            report.add(String.format("%s: %d events in %d s; %s", label, projected, seconds, outcome.line()));
            report.add(String.format("  manager CPU %.2f s in %.1f s (%.0f %% of one core): %.1f µs per delivered"
                    + " message, %.0f µs per projected event; event-consumer CPU %.0f µs per projected event",
                    seconds(managerCpu), seconds(wall), 100 * seconds(managerCpu) / seconds(wall),
                    micros(managerCpu) / outcome.delivered(), micros(managerCpu) / projected,
                    micros(consumerCpu) / projected));
            report.add(String.format("  load average before %s, after %s (%d cores)", loadBefore, loadAfter,
                    Runtime.getRuntime().availableProcessors()));
            return outcome;
        }
    }

    private static List<UUID> submitJobs(URI manager) {
        List<UUID> jobs = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            String id = given().baseUri(manager.toString()).contentType(ContentType.JSON)
                    .body(Map.of("video", Map.of("title", "Fan-out " + i, "year", 2020), "language", "es"))
                    .post("/jobs")
                    .then().statusCode(202)
                    .extract().path("id");
            jobs.add(UUID.fromString(id));
        }
        return jobs;
    }

    /** {@code CLIENTS / JOBS} clients per job, one job's clients at a time; returns once every handshake is done. */
    private static List<LiveSocket> connect(WebSocketClient client, URI manager, List<UUID> jobs) throws Exception {
        List<LiveSocket> sockets = new ArrayList<>();
        for (UUID job : jobs) {
            List<CompletableFuture<LiveSocket>> handshakes = new ArrayList<>();
            for (int i = 0; i < CLIENTS / JOBS; i++) {
                handshakes.add(LiveSocket.connect(client, manager, job));
            }
            for (CompletableFuture<LiveSocket> handshake : handshakes) {
                sockets.add(handshake.get(30, TimeUnit.SECONDS));
            }
        }
        return sockets;
    }

    /** The clients that have not received anything yet, with their close code if they are closed. */
    private static Map<UUID, String> withoutHistory(List<LiveSocket> sockets) {
        Map<UUID, String> waiting = new TreeMap<>();
        for (LiveSocket socket : sockets) {
            if (socket.messages() == 0) {
                waiting.merge(socket.jobId(), socket.closed().isDone() ? "closed " + socket.closed().getNow(0) : "open",
                        (a, b) -> a + ", " + b);
            }
        }
        return waiting;
    }

    /**
     * Open loop: event {@code i} is published at {@code start + i / RATE} whatever happened before; {@code rounds}
     * {@code subtitle.download.started} per job, then each job's {@code subtitle.ready}.
     */
    private static void publish(ExchangePublisher downloader, List<UUID> jobs, int rounds, long start)
            throws Exception {
        long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
        long i = 0;
        for (int round = 1; round <= rounds + 1; round++) {
            for (UUID job : jobs) {
                LockSupport.parkNanos(start + i++ * interval - System.nanoTime());
                if (round <= rounds) {
                    downloader.publish(job, new DownloadStarted(round, "bench"));
                } else {
                    downloader.publish(job, new SubtitleReady(UUID.randomUUID(), "library", "es", 0.9, List.of(),
                            SubtitleFormat.SRT));
                }
            }
            downloader.awaitConfirms();
        }
    }

    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return String.join(" ", Arrays.copyOf(fields, 3));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static double micros(Duration duration) {
        return duration.toNanos() / 1e3;
    }

    /** What the clients got, against what each should have got: every entry of its job from 1 to {@code last}. */
    private record Outcome(long[] latenciesNanos, long delivered, long lost, long duplicated, long outOfOrder,
            long uncleanEnds, long unannounced, String slowSeconds) {

        static Outcome of(List<LiveSocket> sockets, ProjectionChannel channel, long last) throws Exception {
            TreeMap<Long, List<Sample>> bySecond = new TreeMap<>();
            long delivered = 0;
            long lost = 0;
            long duplicated = 0;
            long outOfOrder = 0;
            long uncleanEnds = 0;
            long unannounced = 0;
            for (LiveSocket socket : sockets) {
                List<LiveSocket.Received> received = socket.received();
                Set<Long> distinct = new HashSet<>();
                long previous = 0;
                boolean ordered = true;
                for (LiveSocket.Received entry : received) {
                    distinct.add(entry.seq());
                    ordered &= entry.seq() > previous;
                    previous = entry.seq();
                    if (entry.seq() == 1) {
                        continue;
                    }
                    delivered++;
                    OptionalLong announced = channel.announcedAt(socket.jobId(), entry.seq());
                    if (announced.isPresent()) {
                        long latency = entry.receivedAtNanos() - announced.getAsLong();
                        bySecond.computeIfAbsent(TimeUnit.NANOSECONDS.toSeconds(announced.getAsLong()),
                                second -> new ArrayList<>()).add(new Sample(latency, socket.jobId()));
                    } else {
                        unannounced++;
                    }
                }
                duplicated += received.size() - distinct.size();
                lost += last - distinct.stream().filter(seq -> seq >= 1 && seq <= last).count();
                outOfOrder += ordered ? 0 : 1;
                uncleanEnds += socket.closed().get() == 1000 && "DONE".equals(socket.endPhase()) ? 0 : 1;
            }
            long[] sorted = bySecond.values().stream().flatMap(List::stream).mapToLong(Sample::latencyNanos).sorted()
                    .toArray();
            return new Outcome(sorted, delivered, lost, duplicated, outOfOrder, uncleanEnds, unannounced,
                    slowSeconds(bySecond));
        }

        /**
         * How the tail is spread: the seconds (by announcement) whose own p99 is at the target or over, with that p99
         * and how many messages and jobs were that late: a stall of every job shows apart from one slow watch.
         */
        private static String slowSeconds(TreeMap<Long, List<Sample>> bySecond) {
            long first = bySecond.isEmpty() ? 0 : bySecond.firstKey();
            List<String> slow = new ArrayList<>();
            bySecond.forEach((second, samples) -> {
                double p99 = quantileMillis(samples.stream().mapToLong(Sample::latencyNanos).sorted().toArray(), 0.99);
                if (p99 >= TARGET_MILLIS) {
                    List<Sample> late = samples.stream()
                            .filter(sample -> sample.latencyNanos() >= TimeUnit.MILLISECONDS.toNanos(TARGET_MILLIS))
                            .toList();
                    slow.add(String.format("s%d %.0f ms: %d messages of %d jobs >= %d ms", second - first, p99,
                            late.size(), late.stream().map(Sample::jobId).distinct().count(), TARGET_MILLIS));
                }
            });
            return String.format("seconds with p99 >= %d ms: %d of %d%s", TARGET_MILLIS, slow.size(), bySecond.size(),
                    slow.isEmpty() ? "" : " (" + String.join(", ", slow) + ")");
        }

        /** One delivered message's latency, and the job it belongs to. */
        private record Sample(long latencyNanos, UUID jobId) {
        }

        String line() {
            return String.format("live messages delivered %d, lost %d, duplicated %d, clients out of order %d,"
                    + " without clean end %d; latency projected -> received p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                    + " (target p99 < %d ms: %s; %d entries not seen on the channel)", delivered, lost, duplicated,
                    outOfOrder, uncleanEnds, millis(0.50), millis(0.99), millis(1.0), TARGET_MILLIS,
                    millis(0.99) < TARGET_MILLIS ? "met" : "missed", unannounced) + "; " + slowSeconds;
        }

        private double millis(double quantile) {
            return quantileMillis(latenciesNanos, quantile);
        }

        /** The {@code quantile} of {@code sortedNanos} in milliseconds; NaN for none. */
        private static double quantileMillis(long[] sortedNanos, double quantile) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(quantile * sortedNanos.length) - 1);
            return sortedNanos[Math.max(0, index)] / 1e6;
        }
    }
}
