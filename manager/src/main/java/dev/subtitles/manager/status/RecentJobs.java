package dev.subtitles.manager.status;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.manager.repository.Job;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The jobs submitted lately, for the status API's outcome counts (read through {@code job_created_at_id_idx}). */
@ApplicationScoped
@WithSession
public class RecentJobs implements PanacheRepositoryBase<Job, UUID> {

    /** Up to {@code limit} jobs submitted at or after {@code since}, newest first. */
    public Uni<List<Job>> submittedSince(Instant since, int limit) {
        return find("createdAt >= ?1 order by createdAt desc, id desc", since).range(0, limit - 1).list();
    }
}
