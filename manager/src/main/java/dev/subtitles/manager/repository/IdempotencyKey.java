package dev.subtitles.manager.repository;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An {@code Idempotency-Key} a client of a tenant sent with a submission, and what it was used for. */
@Entity
@Table(name = "idempotency_key", schema = "manager")
@IdClass(IdempotencyKey.TenantKey.class)
public class IdempotencyKey extends PanacheEntityBase {

    /** Keys are per tenant: the same key from two tenants names two requests. */
    @Id
    public String tenant;

    @Id
    public String key;

    /** SHA-256 of the canonical request, to tell a retry from a different request under the same key. */
    @Column(name = "request_hash", nullable = false)
    public String requestHash;

    @Column(name = "job_id", nullable = false)
    public UUID jobId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The primary key: a key is unique within its tenant. */
    public static class TenantKey implements Serializable {

        private static final long serialVersionUID = 1L;

        public String tenant;
        public String key;

        public TenantKey() {
        }

        public TenantKey(String tenant, String key) {
            this.tenant = tenant;
            this.key = key;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TenantKey that && Objects.equals(tenant, that.tenant) && Objects.equals(key, that.key);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenant, key);
        }
    }
}
