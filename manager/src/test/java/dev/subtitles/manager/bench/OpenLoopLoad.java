package dev.subtitles.manager.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * An open-loop load generator in the spirit of wrk2. Requests are due on a fixed schedule ({@code rate} per second)
 * whatever the server does, and each latency is measured from when the request was <em>due</em>, not from when it
 * went out, so a stall shows up as latency instead of as fewer requests (no coordinated omission).
 * <p>
 * Requests travel over a fixed pool of {@code connections} keep-alive HTTP/1.1 connections, one request at a time
 * each. A request due while all of them are busy waits in the client's queue (that wait is part of its latency);
 * when {@code queueLimit} requests already wait, it is not sent at all and counts as <em>missed</em>. A request
 * without an answer within {@link #TIMEOUT} counts as an error; the generator times requests out itself, since the
 * client has been seen to leave a request neither answered nor failed under heavy load. Latency percentiles are over the
 * answered requests;
 * a run meets a target only with no errors and no misses.
 */
final class OpenLoopLoad implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final HttpClient client;
    private final int connections;

    OpenLoopLoad(int connections, int queueLimit) {
        this.connections = connections;
        this.client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setPipelining(false)
                        .setConnectTimeout((int) TIMEOUT.toMillis()),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(queueLimit));
    }

    /** What to send. */
    record Call(HttpMethod method, URI uri, String json) {

        static Call post(URI uri, String json) {
            return new Call(HttpMethod.POST, uri, json);
        }

        static Call get(URI uri) {
            return new Call(HttpMethod.GET, uri, null);
        }
    }

    /**
     * What one run measured.
     *
     * @param answered requests answered with a status below 400
     * @param errors requests answered with 400 or more, failed or timed out
     * @param missed requests not sent because {@code queueLimit} requests already waited for a connection
     * @param seconds from the first due time to the last answer (or time-out)
     * @param latenciesNanos sorted latencies of the answered requests, each from its due time
     */
    record Run(int targetRate, int due, int answered, int errors, int missed, double seconds, long[] latenciesNanos) {

        double achievedRate() {
            return answered / seconds;
        }

        /** The latency at quantile {@code q} (0 to 1) of the answered requests, in milliseconds. */
        double percentileMillis(double q) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(q * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(latenciesNanos.length - 1, index))] / 1e6;
        }
    }

    int connections() {
        return connections;
    }

    /** Sends {@code rate} requests per second for {@code duration}; {@code calls} gives the i-th request. */
    Run run(int rate, Duration duration, IntFunction<Call> calls) throws InterruptedException {
        int total = (int) (rate * duration.toSeconds());
        long[] latencies = new long[total];
        boolean[] ok = new boolean[total];
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger missed = new AtomicInteger();
        // Written on the client's single event loop before each countDown, read here after await.
        CountDownLatch done = new CountDownLatch(total);
        AtomicIntegerArray settled = new AtomicIntegerArray(total);
        long[] lastAnswer = new long[1];
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * TimeUnit.SECONDS.toNanos(1) / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            // The generator's own deadline: whatever the client does with a request, it is settled once.
            long timer = vertx.setTimer(TIMEOUT.toMillis(), id -> {
                if (settled.compareAndSet(index, 0, 1)) {
                    long now = System.nanoTime();
                    latencies[index] = now - due;
                    lastAnswer[0] = Math.max(lastAnswer[0], now);
                    errors.incrementAndGet();
                    done.countDown();
                }
            });
            send(calls.apply(i)).onComplete(outcome -> {
                if (!settled.compareAndSet(index, 0, 1)) {
                    return;
                }
                vertx.cancelTimer(timer);
                long now = System.nanoTime();
                latencies[index] = now - due;
                lastAnswer[0] = Math.max(lastAnswer[0], now);
                ok[index] = outcome.succeeded() && outcome.result() < 400;
                if (outcome.failed() && outcome.cause() instanceof ConnectionPoolTooBusyException) {
                    missed.incrementAndGet();
                } else if (!ok[index]) {
                    errors.incrementAndGet();
                }
                done.countDown();
            });
        }
        done.await();
        long[] answered = new long[total];
        int count = 0;
        for (int i = 0; i < total; i++) {
            if (ok[i]) {
                answered[count++] = latencies[i];
            }
        }
        long[] sorted = Arrays.copyOf(answered, count);
        Arrays.sort(sorted);
        return new Run(rate, total, count, errors.get(), missed.get(), (lastAnswer[0] - start) / 1e9, sorted);
    }

    private Future<Integer> send(Call call) {
        RequestOptions options = new RequestOptions().setMethod(call.method()).setAbsoluteURI(call.uri().toString())
                .setConnectTimeout(TIMEOUT.toMillis()).setIdleTimeout(TIMEOUT.toMillis());
        return client.request(options).compose(request -> {
            if (call.json() == null) {
                return request.send();
            }
            request.putHeader("Content-Type", "application/json");
            return request.send(Buffer.buffer(call.json()));
        }).compose(response -> response.body().map(body -> response.statusCode()));
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
