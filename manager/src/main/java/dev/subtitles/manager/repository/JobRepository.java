package dev.subtitles.manager.repository;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Jobs in {@code manager.job}. */
@ApplicationScoped
@WithSession
public class JobRepository implements PanacheRepositoryBase<Job, UUID> {

    /**
     * Up to {@code limit} jobs, newest first, that come after the position {@code (createdAt, id)} in that order;
     * from the newest when {@code after} is {@code null}.
     */
    public Uni<List<Job>> newestFirst(JobPosition after, int limit) {
        if (after == null) {
            return find("order by createdAt desc, id desc").range(0, limit - 1).list();
        }
        return find("createdAt < :createdAt or (createdAt = :createdAt and id < :id) order by createdAt desc, id desc",
                Map.of("createdAt", after.createdAt(), "id", after.id()))
                .range(0, limit - 1).list();
    }

    /** A place in the newest-first order of jobs. */
    public record JobPosition(Instant createdAt, UUID id) {
    }
}
