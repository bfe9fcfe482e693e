package dev.subtitles.manager.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An {@code Idempotency-Key} a client sent with a submission, and what it was used for. */
@Entity
@Table(name = "idempotency_key", schema = "manager")
public class IdempotencyKey extends PanacheEntityBase {

    @Id
    public String key;

    /** SHA-256 of the canonical request, to tell a retry from a different request under the same key. */
    @Column(name = "request_hash", nullable = false)
    public String requestHash;

    @Column(name = "job_id", nullable = false)
    public UUID jobId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
