package dev.subtitles.manager.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntFunction;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * A small open-loop load generator in the spirit of wrk2: requests are sent on a fixed schedule whatever the
 * server's speed, and each latency is measured from when the request was <em>due</em>, so a stalled server shows up
 * as latency instead of as fewer requests (no coordinated omission). At most {@link #CONNECTIONS} connections;
 * requests beyond them wait in the client's queue, and that wait counts as latency.
 */
final class OpenLoopLoad implements AutoCloseable {

    static final int CONNECTIONS = 64;

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient client = vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5000),
            new PoolOptions().setHttp1MaxSize(CONNECTIONS).setMaxWaitQueueSize(-1));

    /** What to send. */
    record Call(HttpMethod method, URI uri, String json) {

        static Call post(URI uri, String json) {
            return new Call(HttpMethod.POST, uri, json);
        }

        static Call get(URI uri) {
            return new Call(HttpMethod.GET, uri, null);
        }
    }

    /** Result of one run. */
    record Result(String name, int targetRate, int sent, int completed, int errors, double achievedRate,
            double p50Millis, double p99Millis, double maxMillis) {

        String line() {
            return String.format(Locale.ROOT,
                    "%-28s target %5d/s  achieved %7.1f/s  sent %6d  ok %6d  errors %5d  p50 %8.2f ms  p99 %8.2f ms"
                            + "  max %8.2f ms",
                    name, targetRate, achievedRate, sent, completed, errors, p50Millis, p99Millis, maxMillis);
        }
    }

    /** Sends {@code rate} requests per second for {@code duration}; {@code calls} gives the i-th request. */
    Result run(String name, int rate, Duration duration, IntFunction<Call> calls) throws InterruptedException {
        int total = (int) (rate * duration.toSeconds());
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        AtomicLongArray latencies = new AtomicLongArray(total);
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int index = i;
            send(calls.apply(i)).onComplete(outcome -> {
                latencies.set(index, System.nanoTime() - due);
                if (outcome.succeeded() && outcome.result() < 400) {
                    completed.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                }
                done.countDown();
            });
        }
        done.await(120, TimeUnit.SECONDS);
        double elapsedSeconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = new long[total];
        for (int i = 0; i < total; i++) {
            sorted[i] = latencies.get(i);
        }
        Arrays.sort(sorted);
        return new Result(name, rate, total, completed.get(), errors.get(), completed.get() / elapsedSeconds,
                millis(sorted[total / 2]), millis(sorted[Math.min(total - 1, (int) (total * 0.99))]),
                millis(sorted[total - 1]));
    }

    private Future<Integer> send(Call call) {
        RequestOptions options = new RequestOptions().setMethod(call.method()).setAbsoluteURI(call.uri().toString());
        return client.request(options).compose(request -> {
            if (call.json() == null) {
                return request.send();
            }
            request.putHeader("Content-Type", "application/json");
            return request.send(Buffer.buffer(call.json()));
        }).compose(response -> response.body().map(body -> response.statusCode()));
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    @Override
    public void close() {
        vertx.close();
    }
}
