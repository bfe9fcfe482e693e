package dev.subtitles.manager.batch;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.manager.limits.SubmissionRateLimiter;
import dev.subtitles.manager.limits.TooManyRequestsException;
import dev.subtitles.manager.outbox.EventOutbox;
import dev.subtitles.manager.projection.JobState;
import dev.subtitles.manager.repository.Job;
import dev.subtitles.manager.repository.OutboxMessage;
import dev.subtitles.manager.service.EventSource;
import dev.subtitles.manager.service.IdempotencyKeyReusedException;
import dev.subtitles.manager.service.JobsInFlight;
import dev.subtitles.manager.service.Outages;
import dev.subtitles.manager.service.RequestHashes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * Accepts batches: the batch, its N jobs and their N {@code subtitle.download.requested} events are written in one
 * statement ({@link NewBatchWriter}), after the tenant's limits admitted all N jobs at once: N tokens of its
 * submission rate ({@link SubmissionRateLimiter}) and room for N more jobs in flight ({@link JobsInFlight#admit(String, int)}).
 * A
 * refusal writes nothing. Each job is an ordinary job of the tenant, which names its batch.
 * <p>
 * {@code Idempotency-Key} works as for {@code POST /jobs}: the key is stored with the batch, with a hash of the
 * canonical jobs; the same key with the same request gives the batch back, with another request it is refused, and
 * the loser of two concurrent first uses replays the winner's batch. Created at startup so that its metric is
 * exported (at zero) before the first batch.
 */
@ApplicationScoped
@Startup
public class BatchSubmissionService {

    private static final Logger LOG = Logger.getLogger(BatchSubmissionService.class);

    private final BatchPlans plans;
    private final NewBatchWriter writer;
    private final BatchRepository batches;
    private final BatchQueryService queries;
    private final EventOutbox outbox;
    private final EventSource events;
    private final ObjectMapper mapper;
    private final Outages outages;
    private final SubmissionRateLimiter rateLimiter;
    private final JobsInFlight inFlight;
    private final Counter batchesSubmitted;
    private final Counter jobsSubmitted;

    public BatchSubmissionService(BatchPlans plans, NewBatchWriter writer, BatchRepository batches,
            BatchQueryService queries, EventOutbox outbox, EventSource events, ObjectMapper mapper, Outages outages,
            SubmissionRateLimiter rateLimiter, JobsInFlight inFlight, MeterRegistry registry) {
        this.plans = plans;
        this.writer = writer;
        this.batches = batches;
        this.queries = queries;
        this.outbox = outbox;
        this.events = events;
        this.mapper = mapper;
        this.outages = outages;
        this.rateLimiter = rateLimiter;
        this.inFlight = inFlight;
        this.batchesSubmitted = Counter.builder("manager.batches.submitted")
                .description("Batches accepted (not replays)").register(registry);
        // The meter of POST /jobs: a batch's jobs are accepted jobs too.
        this.jobsSubmitted = Counter.builder("manager.jobs.submitted").description("Jobs accepted (not replays)")
                .register(registry);
    }

    /**
     * Submits the batch {@code request} of {@code tenant}, or replays the one an earlier request of the tenant with
     * the same {@code idempotencyKey} created.
     *
     * @param idempotencyKey the client's key, or {@code null}
     * @return fails with {@link InvalidBatchException} or {@link BatchTooLargeException} for a request that cannot
     *         be a batch; with {@link TooManyRequestsException} when the tenant's limits do not admit all its jobs
     *         (replays take tokens too, as for {@code POST /jobs}); with {@link IdempotencyKeyReusedException} when
     *         the key came with another request
     */
    @WithSpan("BatchSubmissionService.submit")
    public Uni<BatchSubmission> submit(String tenant, BatchRequest request, String idempotencyKey) {
        return Uni.createFrom().item(() -> plans.plan(request))
                .flatMap(plan -> rateLimiter.admit(tenant, plan.jobs().size())
                        .chain(() -> admitted(tenant, plan, idempotencyKey)));
    }

    private Uni<BatchSubmission> admitted(String tenant, BatchPlan plan, String idempotencyKey) {
        if (idempotencyKey == null) {
            return outages.guard(create(tenant, plan, null, null));
        }
        String requestHash = RequestHashes.of(mapper, plan.jobs());
        return outages.guard(replay(tenant, idempotencyKey, requestHash)
                .onItem().ifNull().switchTo(() -> create(tenant, plan, idempotencyKey, requestHash))
                .onFailure(failure -> RequestHashes.isDuplicate(failure, "batch_idempotency_key_pkey"))
                .recoverWithUni(() -> replay(tenant, idempotencyKey, requestHash)));
    }

    private Uni<BatchSubmission> replay(String tenant, String idempotencyKey, String requestHash) {
        return batches.key(tenant, idempotencyKey).flatMap(key -> {
            if (key == null) {
                return Uni.createFrom().nullItem();
            }
            if (!key.requestHash().equals(requestHash)) {
                return Uni.createFrom().failure(new IdempotencyKeyReusedException(idempotencyKey));
            }
            LOG.debugf("Idempotency-Key %s replays batch %s", idempotencyKey, key.batchId());
            return queries.owned(tenant, key.batchId(), key.batchId().toString()).flatMap(queries::view)
                    .map(view -> new BatchSubmission(view, false));
        });
    }

    private Uni<BatchSubmission> create(String tenant, BatchPlan plan, String idempotencyKey, String requestHash) {
        NewBatch batch = newBatch(tenant, plan, idempotencyKey, requestHash);
        return inFlight.admit(tenant, plan.jobs().size()).chain(() -> writer.insert(batch)).map(ignored -> {
            outbox.committed();
            batchesSubmitted.increment();
            jobsSubmitted.increment(batch.jobs().size());
            LOG.debugf("accepted batch %s of %d job(s) for tenant %s", batch.id(), batch.jobs().size(), tenant);
            Batch stored = new Batch(batch.id(), batch.createdAt(), plan.series(), plan.season(), plan.language(),
                    plan.format(), batch.jobs().size(), batch.jobs().stream()
                            .map(job -> new Batch.Member(job.id, job.videoTitle, job.season, job.episode)).toList());
            Map<UUID, JobState> queued = batch.jobs().stream()
                    .collect(Collectors.toMap(job -> job.id, job -> JobState.notProjectedYet()));
            return new BatchSubmission(BatchView.of(stored, queued), true);
        });
    }

    private NewBatch newBatch(String tenant, BatchPlan plan, String idempotencyKey, String requestHash) {
        UUID batchId = UUID.randomUUID();
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Job> jobs = new ArrayList<>(plan.jobs().size());
        List<OutboxMessage> messages = new ArrayList<>(plan.jobs().size());
        for (DownloadRequested request : plan.jobs()) {
            Job job = Job.submitted(tenant, request, createdAt, batchId);
            jobs.add(job);
            messages.add(outbox.message(events.event(job.id, tenant, request)));
        }
        return new NewBatch(batchId, tenant, createdAt, plan, jobs, messages, idempotencyKey, requestHash);
    }

}
