package dev.subtitles.manager.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Remembered {@code Idempotency-Key}s. */
@ApplicationScoped
@WithSession
public class IdempotencyKeyRepository implements PanacheRepositoryBase<IdempotencyKey, IdempotencyKey.TenantKey> {

    /** Forgets the keys first used before {@code cutoff}; the number forgotten. */
    public Uni<Long> deleteOlderThan(Instant cutoff) {
        return delete("createdAt < ?1", cutoff);
    }
}
