package dev.subtitles.eventconsumer.webhooks;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.common.event.EventCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;

/**
 * Posts an event to a hook with the Vert.x web client, signed ({@link WebhookSignature}), and says how it went; never
 * fails. An attempt takes at most {@code webhooks.timeout} to connect and at most as long again for the answer; a
 * 2xx answer is a success, anything else (a redirect too: it is not followed) a failure. The receiver's body is
 * discarded unread.
 */
@ApplicationScoped
public class WebhookSender {

    /** The event's id: the same for every attempt, so that a receiver can drop a repeated delivery. */
    static final String ID_HEADER = "Webhook-Id";
    /** The number of this attempt of the delivery, from 1. */
    static final String ATTEMPT_HEADER = "Webhook-Attempt";
    static final String USER_AGENT = "subtitles-webhooks/1";

    private final WebClient client;
    private final Duration timeout;
    private final String contentType;

    public WebhookSender(Vertx vertx, WebhooksConfig config, EventCodec codec) {
        this.timeout = config.timeout();
        this.contentType = codec.contentType();
        // A pool of this size per receiver's host and port never makes an attempt wait for a connection: attempts in
        // progress are capped at this number over all hooks. The answer's time-out is the request's own: a connection
        // idle time-out as short would close pooled connections just as an attempt takes one, and fail it.
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setMaxPoolSize(config.concurrency())
                .setFollowRedirects(false)
                .setUserAgent(USER_AGENT));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** One attempt of the delivery. */
    Uni<AttemptResult> send(ClaimedDelivery delivery) {
        long started = System.nanoTime();
        return Uni.createFrom().deferred(() -> client.postAbs(delivery.url())
                .as(BodyCodec.none())
                .idleTimeout(timeout.toMillis())
                .putHeader("Content-Type", contentType)
                .putHeader(ID_HEADER, delivery.eventId().toString())
                .putHeader(ATTEMPT_HEADER, Integer.toString(delivery.attempt()))
                .putHeader(WebhookSignature.HEADER, WebhookSignature.header(delivery.secret(),
                        Instant.now().getEpochSecond(), delivery.body()))
                .sendBuffer(Buffer.buffer(delivery.body())))
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("no answer within " + timeout))
                .map(response -> AttemptResult.answered(response.statusCode(), millisSince(started)))
                .onFailure().recoverWithItem(failure -> AttemptResult.failed(describe(failure), millisSince(started)));
    }

    private static String describe(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return failure.getMessage();
        }
        String what = failure instanceof ConnectException ? "cannot connect" : "request failed";
        return failure.getMessage() == null ? what : what + ": " + failure.getMessage();
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
