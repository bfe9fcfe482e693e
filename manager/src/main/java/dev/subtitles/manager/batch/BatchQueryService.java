package dev.subtitles.manager.batch;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.manager.service.InvalidQueryException;
import dev.subtitles.manager.service.JobStateService;
import dev.subtitles.manager.service.Outages;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;

/**
 * Where a tenant's batches stand: a batch with the phase of each of its jobs, read in bulk as the job listing reads
 * them ({@link JobStateService#shownStatesOf}), and the tenant's batches page by page.
 */
@ApplicationScoped
public class BatchQueryService {

    private static final Logger LOG = Logger.getLogger(BatchQueryService.class);
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;

    private final BatchRepository batches;
    private final JobStateService states;
    private final Outages outages;

    public BatchQueryService(BatchRepository batches, JobStateService states, Outages outages) {
        this.batches = batches;
        this.states = states;
        this.outages = outages;
    }

    /** Batch {@code id} of {@code tenant} with its counts; fails with {@link BatchNotFoundException} when it has none. */
    @WithSpan("BatchQueryService.find")
    public Uni<BatchView> find(String tenant, String id) {
        UUID batchId = BatchIds.parse(id);
        LOG.debugf("reading batch %s of tenant %s", batchId, tenant);
        return outages.guard(owned(tenant, batchId, id).flatMap(this::view));
    }

    /** The batch's view as it stands now. */
    Uni<BatchView> view(Batch batch) {
        List<UUID> jobIds = batch.members().stream().map(Batch.Member::id).toList();
        return states.shownStatesOf(jobIds).map(shown -> BatchView.of(batch, shown));
    }

    /** Batch {@code batchId} of {@code tenant} with its members; fails with {@link BatchNotFoundException}. */
    Uni<Batch> owned(String tenant, UUID batchId, String id) {
        return batches.findOwned(tenant, batchId).onItem().ifNull().failWith(() -> new BatchNotFoundException(id));
    }

    /** The id of batch {@code id} of {@code tenant}, without loading it; fails with {@link BatchNotFoundException}. */
    public Uni<UUID> requireKnown(String tenant, String id) {
        return Uni.createFrom().item(() -> BatchIds.parse(id))
                .call(batchId -> batches.known(tenant, batchId).invoke(known -> {
                    if (!known) {
                        throw new BatchNotFoundException(id);
                    }
                }));
    }

    /**
     * A page of {@code tenant}'s batches, newest first.
     *
     * @param limit at most 100; 20 when absent
     * @param cursor the {@code nextCursor} of the previous page, or {@code null} for the first page
     */
    @WithSpan("BatchQueryService.list")
    public Uni<BatchPage> list(String tenant, String limit, String cursor) {
        int size = limit(limit);
        Position after = decode(cursor);
        return outages.guard(batches.newestFirst(tenant, after == null ? null : after.createdAt(),
                after == null ? null : after.id(), size + 1).map(found -> {
                    List<Batch> page = found.size() > size ? found.subList(0, size) : found;
                    String next = found.size() > size ? encode(page.get(page.size() - 1)) : null;
                    return new BatchPage(page.stream().map(BatchSummary::of).toList(), next);
                }));
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // same answer as a number out of range
        }
        throw new InvalidQueryException("limit", "must be a whole number between 1 and " + MAX_LIMIT);
    }

    private static String encode(Batch batch) {
        String position = batch.id() + "," + batch.createdAt();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static Position decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8)
                    .split(",", 2);
            if (parts.length == 2) {
                return new Position(Instant.parse(parts[1]), UUID.fromString(parts[0]));
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // answered below like any other cursor this API did not return
        }
        throw new InvalidQueryException("cursor", "is not a cursor this API returned");
    }

    private record Position(Instant createdAt, UUID id) {
    }
}
