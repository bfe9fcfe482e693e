package dev.subtitles.manager.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntFunction;

/**
 * A small open-loop load generator in the spirit of wrk2: requests are sent on a fixed schedule whatever the
 * server's speed, and each latency is measured from when the request was <em>due</em>, so a stalled server shows up
 * as latency instead of as fewer requests (no coordinated omission).
 */
final class OpenLoopLoad {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(5)).build();

    /** Result of one run. */
    record Result(String name, int targetRate, int sent, int completed, int errors, double achievedRate,
            double p50Millis, double p99Millis, double maxMillis) {

        String line() {
            return String.format(Locale.ROOT,
                    "%-28s target %5d/s  achieved %7.1f/s  sent %6d  ok %6d  errors %5d  p50 %7.2f ms  p99 %7.2f ms"
                            + "  max %8.2f ms",
                    name, targetRate, achievedRate, sent, completed, errors, p50Millis, p99Millis, maxMillis);
        }
    }

    /** Sends {@code rate} requests per second for {@code duration}; {@code request} builds the i-th request. */
    Result run(String name, int rate, Duration duration, IntFunction<HttpRequest> request) throws Exception {
        int total = (int) (rate * duration.toSeconds());
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        AtomicLongArray latencies = new AtomicLongArray(total);
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        CompletableFuture<?>[] inFlight = new CompletableFuture<?>[total];
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int index = i;
            inFlight[i] = client.sendAsync(request.apply(i), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        latencies.set(index, System.nanoTime() - due);
                        if (failure != null || response.statusCode() >= 400) {
                            errors.incrementAndGet();
                        } else {
                            completed.incrementAndGet();
                        }
                    });
        }
        CompletableFuture.allOf(inFlight).exceptionally(failure -> null).get(60, TimeUnit.SECONDS);
        double elapsedSeconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = new long[total];
        for (int i = 0; i < total; i++) {
            sorted[i] = latencies.get(i);
        }
        Arrays.sort(sorted);
        return new Result(name, rate, total, completed.get(), errors.get(), completed.get() / elapsedSeconds,
                millis(sorted[(int) (total * 0.50)]), millis(sorted[Math.min(total - 1, (int) (total * 0.99))]),
                millis(sorted[total - 1]));
    }

    static HttpRequest post(URI uri, String json) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).GET().build();
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
