package dev.subtitles.manager.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One event waiting in the transactional outbox (table {@code manager.outbox}): written in the transaction that
 * made it true, published later by the relay, which reads the table with plain SQL.
 */
@Entity
@Table(name = "outbox", schema = "manager")
public class OutboxMessage extends PanacheEntityBase {

    /** Publication order. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "job_id", nullable = false)
    public UUID jobId;

    /** The event type. */
    @Column(nullable = false)
    public String type;

    /**
     * The routing key: the type, with the priority's suffix for the request of a high or low job; {@code null} is the
     * type.
     */
    @Column(name = "routing_key")
    public String routingKey;

    /** The encoded CloudEvent, published as is. */
    @Column(nullable = false)
    public byte[] body;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
