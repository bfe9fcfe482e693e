package dev.subtitles.eventconsumer.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver on a free loopback port: records every request it gets and answers each as its
 * {@link Answer} function says, given the request's number (from 1), with the status after the delay. The answer of
 * a slow request is scheduled, not slept for, so the receiver keeps taking requests meanwhile.
 */
final class Receiver implements AutoCloseable {

    private final HttpServer server;
    private final ScheduledExecutorService answers = Executors.newScheduledThreadPool(2);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger mostInProgress = new AtomicInteger();
    private volatile IntFunction<Answer> answer;

    private Receiver(IntFunction<Answer> answer) throws IOException {
        this.answer = answer;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    /** A receiver answering each request as {@code answer} says for its number. */
    static Receiver answering(IntFunction<Answer> answer) throws IOException {
        return new Receiver(answer);
    }

    /** A receiver answering 204 to every request at once. */
    static Receiver healthy() throws IOException {
        return answering(n -> Answer.now(204));
    }

    /** From now on, answers as {@code answer} says. */
    void answer(IntFunction<Answer> answer) {
        this.answer = answer;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Every request so far, in arrival order. */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The most requests this receiver had in progress (received, not yet answered) at once. */
    int mostInProgress() {
        return mostInProgress.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int number;
        try (InputStream body = exchange.getRequestBody()) {
            Request request = new Request(Instant.now(), exchange.getRequestMethod(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst(WebhookSender.ID_HEADER),
                    exchange.getRequestHeaders().getFirst(WebhookSender.ATTEMPT_HEADER),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body.readAllBytes());
            requests.add(request);
            number = requests.size();
        }
        int now = inProgress.incrementAndGet();
        mostInProgress.accumulateAndGet(now, Math::max);
        Answer planned = answer.apply(number);
        answers.schedule(() -> respond(exchange, planned.status()), planned.after().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void respond(HttpExchange exchange, int status) {
        inProgress.decrementAndGet();
        try (exchange) {
            exchange.sendResponseHeaders(status, -1);
        } catch (IOException e) {
            // The client gave up waiting (its time-out) and closed the connection: nothing to answer.
        }
    }

    @Override
    public void close() {
        server.stop(0);
        answers.shutdownNow();
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    /** How to answer a request: this status, after this long. */
    record Answer(int status, Duration after) {

        static Answer now(int status) {
            return new Answer(status, Duration.ZERO);
        }
    }

    /** A request as the receiver got it. */
    record Request(Instant at, String method, String contentType, String webhookId, String attempt, String signature,
            byte[] body) {
    }
}
