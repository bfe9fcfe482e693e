package dev.subtitles.eventconsumer.messaging;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.ErrorCode;
import dev.subtitles.common.event.payload.JobFailed;
import dev.subtitles.common.event.payload.RetryScheduled;
import dev.subtitles.common.event.payload.Stage;
import dev.subtitles.common.worker.DeadLetterPublisher;
import dev.subtitles.common.worker.EventPublisher;
import dev.subtitles.eventconsumer.config.EventConsumerConfig;
import dev.subtitles.eventconsumer.projection.ProjectionMetrics;
import dev.subtitles.eventconsumer.projection.ReceivedEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Settles an event that PostgreSQL refuses to store for what it holds (a lone UTF-16 surrogate or a NUL escaped in
 * its JSON, or another SQLSTATE class 22 or 23 error): retrying it can never succeed, and leaving it out silently would
 * leave its job in a phase it has already left, for good. So the job is failed, and the event is dead-lettered once,
 * with the reason.
 * <p>
 * The job fails by an ordinary event, so that the event log stays the single source of truth: a {@code job.failed}
 * with error code {@value #ERROR_CODE}, published to the events exchange with publisher confirms. It is
 * <em>published</em>, not recorded directly, because every event of the pipeline goes through the exchange
 * (docs/topology.md): whatever reads the exchange (a tap, an audit, any future consumer) sees the job end, and the
 * event-consumer records it like any other event, through the same decode, record and projection path, with no
 * second way into the log. PhaseMachine keeps FAILED terminal, so the job's later events do not move it.
 * <p>
 * Its id is derived from the job's id ({@link #failureId(UUID)}), not random and not from the refused event's: a
 * redelivery of the refused event (a crash between the publish and the ack) or a second unstorable event of the same
 * job publishes the same event again, and the log keeps it once, so a job gets at most one such {@code job.failed}.
 * Its strings are built here and cleaned of anything PostgreSQL could refuse, so it is always storable; and an
 * unstorable {@code job.failed} of this code (which cannot happen) would not produce another.
 * <p>
 * Order: the {@code job.failed} is confirmed first, then the dead-letter copy, then the caller acks the original. A
 * failure on the way returns the original to the queue later and the whole is done again: the {@code job.failed} is
 * deduplicated by its id; the DLQ may get a second copy when the connection to the broker drops meanwhile.
 */
@ApplicationScoped
public class UnstorableEvents {

    /** The error code of the {@code job.failed} of a job one of whose events cannot be stored. */
    public static final String ERROR_CODE = ErrorCode.EVENT_UNSTORABLE.name();

    private static final Logger LOG = Logger.getLogger(UnstorableEvents.class);
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    /** Reasons are cut to this many characters: enough for PostgreSQL's message and detail. */
    private static final int MAX_REASON = 500;

    private final EventPublisher publisher;
    private final DeadLetterPublisher deadLetters;
    private final ProjectionMetrics metrics;
    private final URI source;

    public UnstorableEvents(EventPublisher publisher, DeadLetterPublisher deadLetters, ProjectionMetrics metrics,
            EventConsumerConfig config) {
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.source = JobEvent.source("event-consumer", config.instance());
    }

    /**
     * Publishes the job's {@code job.failed}, then the dead-letter copy of {@code message} with the reason; completes
     * when the broker confirmed both (the caller then acks the message), fails when it did not.
     */
    Uni<Void> settle(Message<byte[]> message, ReceivedEvent received, Throwable rejection) {
        JobEvent<?> event = received.event();
        String reason = reasonOf(rejection);
        LOG.errorf("Event %s (%s) of job %s cannot be stored; failing the job and dead-lettering the event: %s",
                event.id(), event.type().routingKey(), event.jobId(), reason);
        Uni<Void> failJob = isOwnFailure(event) ? Uni.createFrom().voidItem()
                : publisher.publish(jobFailed(event, reason));
        return failJob.chain(() -> deadLetters.copy(message, reason)).invoke(metrics::unstorable);
    }

    /** The id of the {@code job.failed} this class publishes for {@code jobId}: always the same for one job. */
    public static UUID failureId(UUID jobId) {
        return UUID.nameUUIDFromBytes((ERROR_CODE + ":" + jobId).getBytes(StandardCharsets.UTF_8));
    }

    private JobEvent<JobFailed> jobFailed(JobEvent<?> event, String reason) {
        JobFailed payload = new JobFailed(stageOf(event), ERROR_CODE, "Event " + event.id() + " ("
                + event.type().routingKey() + ") of this job cannot be stored, so the job cannot be followed further: "
                + reason);
        String traceparent = event.traceparent() != null && TRACEPARENT.matcher(event.traceparent()).matches()
                ? event.traceparent()
                : null;
        return new JobEvent<>(failureId(event.jobId()), EventType.JOB_FAILED, source, event.jobId(), event.tenant(),
                Instant.now(),
                traceparent, payload);
    }

    private static boolean isOwnFailure(JobEvent<?> event) {
        return event.payload() instanceof JobFailed failed && ERROR_CODE.equals(failed.errorCode());
    }

    /** The stage the refused event belongs to; a cancellation counts as the first stage. */
    private static Stage stageOf(JobEvent<?> event) {
        if (event.payload() instanceof JobFailed failed) {
            return failed.stage();
        }
        if (event.payload() instanceof RetryScheduled retry) {
            return retry.stage();
        }
        return switch (event.type()) {
            case TRANSLATE_REQUESTED, TRANSLATE_STARTED, TRANSLATED -> Stage.TRANSLATE;
            default -> Stage.DOWNLOAD;
        };
    }

    /**
     * "PostgreSQL refused it: " and the server's message, SQLSTATE and detail, keeping only printable characters
     * (the server may quote the offending input), so the reason itself is always storable.
     */
    static String reasonOf(Throwable rejection) {
        StringBuilder reason = new StringBuilder("PostgreSQL refused to store the event: ");
        if (rejection instanceof PgException pg) {
            reason.append(pg.getErrorMessage()).append(" (SQLSTATE ").append(pg.getSqlState()).append(')');
            if (pg.getDetail() != null) {
                reason.append(": ").append(pg.getDetail());
            }
        } else {
            reason.append(rejection.getMessage());
        }
        StringBuilder clean = new StringBuilder(Math.min(reason.length(), MAX_REASON));
        reason.codePoints().limit(MAX_REASON)
                .map(c -> Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE ? '?' : c)
                .forEach(clean::appendCodePoint);
        return clean.toString();
    }
}
