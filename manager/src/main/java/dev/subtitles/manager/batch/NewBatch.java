package dev.subtitles.manager.batch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.subtitles.manager.repository.Job;
import dev.subtitles.manager.repository.OutboxMessage;

/**
 * A batch about to be written: its row, its jobs with the first event of each, and its idempotency key.
 *
 * @param jobs the jobs in batch order, each naming the batch
 * @param events each job's {@code subtitle.download.requested}, in the same order
 * @param idempotencyKey the client's key, or {@code null}
 * @param requestHash the hash of the canonical request, or {@code null} without a key
 */
record NewBatch(UUID id, String tenant, Instant createdAt, BatchPlan plan, List<Job> jobs,
        List<OutboxMessage> events, String idempotencyKey, String requestHash) {
}
