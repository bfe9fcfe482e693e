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
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

/**
 * Fan-out of live progress: {@code bench.clients} (default 1,000) WebSocket clients spread over {@code bench.jobs}
 * (100) jobs on one packaged manager, while events are published at {@code bench.rate} (200) events/s for
 * {@code bench.seconds} (30) s, round-robin over the jobs, and the packaged event-consumer projects them. Prints
 * the latency from "projected" (the entry announced on the Redis channel, timestamped by a subscriber in this JVM)
 * to "received by the client", messages lost or duplicated, the manager's and the event-consumer's CPU time per
 * unit of work, and the load average. The manager and the event-consumer are processes of their own, so the
 * clients' CPU is not counted as theirs.
 * <p>
 * Not part of any default build; run with {@code ./mvnw -B verify -pl common,manager,event-consumer,src-test-e2e
 * -Djacoco.skip=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=LiveFanOutBenchmark
 * -Dbench=true}.
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "bench", matches = "true")
class LiveFanOutBenchmark {

    private static final int JOBS = Integer.getInteger("bench.jobs", 100);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 1000);
    private static final int RATE = Integer.getInteger("bench.rate", 200);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @Test
    void everyClientGetsEveryEventOnceAndInOrderAndTheLatencyIsPrinted() throws Exception {
        E2eNames names = new E2eNames();
        Vertx clientLoops = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        Vertx channelLoop = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try (Stack stack = Stack.start(names.environment(), List.of("event-consumer", "manager"));
                ProjectionChannel channel = ProjectionChannel.subscribe(channelLoop, names.projectionChannel());
                ExchangePublisher downloader = ExchangePublisher.to(names.exchange(), "bench")) {
            ServiceProcess manager = stack.service("manager");
            ServiceProcess eventConsumer = stack.service("event-consumer");
            List<UUID> jobs = submitJobs(manager.baseUri());
            await().atMost(TIMEOUT).until(() -> channel.announced() == JOBS);
            List<LiveSocket> sockets = connect(clientLoops, manager.baseUri(), jobs);
            await().atMost(TIMEOUT).until(() -> sockets.stream().allMatch(socket -> socket.messages() >= 1));

            int rounds = Math.max(1, RATE * SECONDS / JOBS);
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
            System.out.printf("==== live fan-out: %d WebSocket clients over %d jobs, %d events/s for %d s"
                    + " (%d events, then the end of each job) ====%n", sockets.size(), JOBS, RATE, SECONDS, projected);
            System.out.println(outcome.line());
            System.out.printf("manager CPU %.2f s in %.1f s (%.0f %% of one core): %.1f µs per delivered message,"
                    + " %.0f µs per projected event%n", seconds(managerCpu), seconds(wall),
                    100 * seconds(managerCpu) / seconds(wall), micros(managerCpu) / outcome.delivered(),
                    micros(managerCpu) / projected);
            System.out.printf("event-consumer CPU %.2f s: %.0f µs per projected event%n", seconds(consumerCpu),
                    micros(consumerCpu) / projected);
            System.out.printf("load average before %s, after %s (%d cores)%n", loadBefore, loadAfter,
                    Runtime.getRuntime().availableProcessors());

            assertThat(outcome.lost()).as("messages lost").isZero();
            assertThat(outcome.duplicated()).as("messages duplicated").isZero();
            assertThat(outcome.outOfOrder()).as("clients that got events out of order").isZero();
            assertThat(outcome.uncleanEnds()).as("clients without end message and normal close").isZero();
        } finally {
            clientLoops.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            channelLoop.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            names.delete();
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
    private static List<LiveSocket> connect(Vertx vertx, URI manager, List<UUID> jobs) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(CLIENTS));
        List<LiveSocket> sockets = new ArrayList<>();
        for (UUID job : jobs) {
            List<Future<LiveSocket>> handshakes = new ArrayList<>();
            for (int i = 0; i < CLIENTS / JOBS; i++) {
                handshakes.add(LiveSocket.connect(client, manager, job));
            }
            for (Future<LiveSocket> handshake : handshakes) {
                sockets.add(handshake.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
            }
        }
        return sockets;
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
            long uncleanEnds, long unannounced) {

        static Outcome of(List<LiveSocket> sockets, ProjectionChannel channel, long last) throws Exception {
            List<Long> latencies = new ArrayList<>();
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
                        latencies.add(entry.receivedAtNanos() - announced.getAsLong());
                    } else {
                        unannounced++;
                    }
                }
                duplicated += received.size() - distinct.size();
                lost += last - distinct.stream().filter(seq -> seq >= 1 && seq <= last).count();
                outOfOrder += ordered ? 0 : 1;
                uncleanEnds += socket.closed().get() == 1000 && "DONE".equals(socket.endPhase()) ? 0 : 1;
            }
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Outcome(sorted, delivered, lost, duplicated, outOfOrder, uncleanEnds, unannounced);
        }

        String line() {
            return String.format("live messages delivered %d, lost %d, duplicated %d, clients out of order %d,"
                    + " without clean end %d; latency projected -> received p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                    + " (target p99 < 100 ms: %s; %d entries not seen on the channel)", delivered, lost, duplicated,
                    outOfOrder, uncleanEnds, millis(0.50), millis(0.99), millis(1.0),
                    millis(0.99) < 100 ? "met" : "missed", unannounced);
        }

        private double millis(double quantile) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(latenciesNanos.length - 1, Math.ceil(quantile * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(0, index)] / 1e6;
        }
    }
}
