package dev.subtitles.manager.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.logging.JobMdc;
import dev.subtitles.manager.limits.SubmissionRateLimiter;
import dev.subtitles.manager.limits.TooManyRequestsException;
import dev.subtitles.manager.outbox.EventOutbox;
import dev.subtitles.manager.projection.JobState;
import dev.subtitles.manager.repository.IdempotencyKey;
import dev.subtitles.manager.repository.IdempotencyKeyRepository;
import dev.subtitles.manager.repository.Job;
import dev.subtitles.manager.repository.JobRepository;
import dev.subtitles.manager.repository.NewJobWriter;
import dev.subtitles.manager.repository.OutboxMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * Accepts jobs: the job row and its {@code subtitle.download.requested} event are written in one transaction
 * (transactional outbox, docs/reliability.md), and the relay is woken once it committed. That write is a single
 * statement ({@link NewJobWriter}), since it is what a submission waits for.
 * <p>
 * With an {@code Idempotency-Key}, the key is stored in the same statement with a hash of the canonical request;
 * the same key with the same request gives the original job back, with a different request it is refused. Two
 * concurrent first uses of one key race on its primary key: the loser writes nothing and replays the winner's job.
 * Created at startup so that its metric is exported (at zero) before the first submission.
 */
@ApplicationScoped
@Startup
public class JobSubmissionService {

    private static final Logger LOG = Logger.getLogger(JobSubmissionService.class);

    private final NewJobWriter writer;
    private final JobRepository jobs;
    private final IdempotencyKeyRepository idempotencyKeys;
    private final EventOutbox outbox;
    private final EventSource events;
    private final JobStateService states;
    private final ObjectMapper mapper;
    private final Counter submitted;
    private final Outages outages;
    private final JobsInFlight inFlight;
    private final SubmissionRateLimiter rateLimiter;

    public JobSubmissionService(NewJobWriter writer, JobRepository jobs, IdempotencyKeyRepository idempotencyKeys,
            EventOutbox outbox, EventSource events, JobStateService states, ObjectMapper mapper,
            MeterRegistry registry, Outages outages, JobsInFlight inFlight, SubmissionRateLimiter rateLimiter) {
        this.writer = writer;
        this.jobs = jobs;
        this.idempotencyKeys = idempotencyKeys;
        this.outbox = outbox;
        this.events = events;
        this.states = states;
        this.mapper = mapper;
        this.outages = outages;
        this.inFlight = inFlight;
        this.rateLimiter = rateLimiter;
        this.submitted = Counter.builder("manager.jobs.submitted").description("Jobs accepted (not replays)")
                .register(registry);
    }

    /**
     * Submits a job of {@code tenant}, or replays the one an earlier request of the tenant with the same
     * {@code idempotencyKey} created.
     *
     * @param idempotencyKey the client's key, or {@code null}
     * @return fails with {@link IdempotencyKeyReusedException} when the key came with a different request, or with
     *         {@link TooManyRequestsException} when the tenant is over its submission rate
     *         ({@link SubmissionRateLimiter}; replays count too) or has as many jobs in flight as it may
     *         ({@link JobsInFlight})
     */
    @WithSpan("JobSubmissionService.submit")
    public Uni<Submission> submit(String tenant, DownloadRequested request, String idempotencyKey) {
        return rateLimiter.admit(tenant).chain(() -> admitted(tenant, request, idempotencyKey));
    }

    private Uni<Submission> admitted(String tenant, DownloadRequested request, String idempotencyKey) {
        if (idempotencyKey == null) {
            return outages.guard(create(tenant, request, null, null).flatMap(this::toSubmission));
        }
        String requestHash = RequestHashes.of(mapper, request);
        return outages.guard(Panache.withSession(() -> replay(tenant, idempotencyKey, requestHash))
                .onItem().ifNull().switchTo(() -> create(tenant, request, idempotencyKey, requestHash))
                .onFailure(failure -> RequestHashes.isDuplicate(failure, "idempotency_key_pkey"))
                .recoverWithUni(() -> Panache.withSession(() -> replay(tenant, idempotencyKey, requestHash)))
                .flatMap(this::toSubmission));
    }

    private Uni<Stored> replay(String tenant, String idempotencyKey, String requestHash) {
        return idempotencyKeys.findById(new IdempotencyKey.TenantKey(tenant, idempotencyKey)).flatMap(key -> {
            if (key == null) {
                return Uni.createFrom().nullItem();
            }
            if (!key.requestHash.equals(requestHash)) {
                return Uni.createFrom().failure(new IdempotencyKeyReusedException(idempotencyKey));
            }
            LOG.debugf("Idempotency-Key %s replays job %s", idempotencyKey, key.jobId);
            return jobs.findById(key.jobId).map(job -> new Stored(job, false));
        });
    }

    private Uni<Stored> create(String tenant, DownloadRequested request, String idempotencyKey,
            String requestHash) {
        Job job = Job.submitted(tenant, request, Instant.now().truncatedTo(ChronoUnit.MICROS), null);
        JobMdc.put(job.id);
        IdempotencyKey key = idempotencyKey == null ? null : newKey(job, idempotencyKey, requestHash);
        OutboxMessage event = outbox.message(events.event(job.id, tenant, request));
        return inFlight.insertWithin(tenant, unsettledBelow -> writer.insert(job, event, key, unsettledBelow))
                .map(ignored -> new Stored(job, true));
    }

    private static IdempotencyKey newKey(Job job, String idempotencyKey, String requestHash) {
        IdempotencyKey key = new IdempotencyKey();
        key.tenant = job.tenant;
        key.key = idempotencyKey;
        key.requestHash = requestHash;
        key.jobId = job.id;
        key.createdAt = job.createdAt;
        return key;
    }

    private Uni<Submission> toSubmission(Stored stored) {
        if (stored.created()) {
            outbox.committed();
            submitted.increment();
            LOG.debugf("accepted job %s (%s, %s)", stored.job().id, stored.job().videoTitle, stored.job().language);
            return Uni.createFrom().item(new Submission(JobView.of(stored.job(), JobState.notProjectedYet()), true));
        }
        return states.stateOf(stored.job().id)
                .map(state -> new Submission(JobView.of(stored.job(), state), false));
    }

    private record Stored(Job job, boolean created) {
    }
}
