package dev.subtitles.manager.live;

import java.util.concurrent.Flow;

import org.jboss.logging.Logger;

import dev.subtitles.manager.limits.TooManyRequestsException;
import dev.subtitles.manager.service.JobNotFoundException;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.vertx.core.buffer.Buffer;

/**
 * Writes one client's {@link LiveMessage} stream to its WebSocket, asking for the next message only once the
 * previous write is done: a client that does not read makes the watch's bounded buffer overflow instead of growing
 * the socket's write queue.
 */
final class WebSocketSender implements MultiSubscriber<LiveMessage> {

    /** Close code for an unknown job, in the range RFC 6455 leaves to applications (4404 as in HTTP 404). */
    static final int JOB_NOT_FOUND = 4404;
    private static final int NORMAL = 1000;
    private static final int POLICY_VIOLATION = 1008;
    private static final int INTERNAL_ERROR = 1011;
    private static final int TRY_AGAIN_LATER = 1013;
    private static final Logger LOG = Logger.getLogger(WebSocketSender.class);

    private final WebSocketConnection connection;
    private final LiveConnections connections;
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    WebSocketSender(WebSocketConnection connection, LiveConnections connections) {
        this.connection = connection;
        this.connections = connections;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (cancelled) {
            subscription.cancel();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onItem(LiveMessage message) {
        if (message instanceof LiveMessage.Event event) {
            connection.sendText(event.entry().json())
                    .subscribe().with(sent -> subscription.request(1), this::onSendFailure);
        } else if (message instanceof LiveMessage.End end) {
            connection.sendText("{\"type\":\"end\",\"phase\":\"" + end.phase() + "\"}")
                    .subscribe().with(sent -> close(NORMAL, "job " + end.phase()), this::onSendFailure);
        } else {
            connection.sendPing(Buffer.buffer()).subscribe().with(sent -> subscription.request(1), this::onSendFailure);
        }
    }

    @Override
    public void onFailure(Throwable failure) {
        if (failure instanceof JobNotFoundException) {
            close(JOB_NOT_FOUND, "job not found: " + connection.pathParam("id"));
        } else if (failure instanceof TooManyRequestsException) {
            close(TRY_AGAIN_LATER, "too many live connections");
        } else if (failure instanceof SlowClientException) {
            connections.slowClient(LiveConnections.Transport.WS);
            close(POLICY_VIOLATION, failure.getMessage());
        } else {
            LOG.warnf("live WebSocket of job %s failed: %s", connection.pathParam("id"), failure.getMessage());
            close(INTERNAL_ERROR, "cannot read the job's events");
        }
    }

    @Override
    public void onCompletion() {
        // The end message closes the connection once it is written.
    }

    /** Stops the stream: the client went away. */
    void cancel() {
        cancelled = true;
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    /** A write that failed leaves the stream without demand: end it, and close the socket if it is still open. */
    private void onSendFailure(Throwable failure) {
        LOG.debugf("cannot write to the live WebSocket of job %s: %s", connection.pathParam("id"),
                failure.getMessage());
        cancel();
        close(INTERNAL_ERROR, "cannot write the job's events");
    }

    private void close(int code, String reason) {
        if (connection.isOpen()) {
            connection.close(new CloseReason(code, reason)).subscribe().with(closed -> {
            }, failure -> LOG.debugf("closing a live WebSocket failed: %s", failure.getMessage()));
        }
    }
}
