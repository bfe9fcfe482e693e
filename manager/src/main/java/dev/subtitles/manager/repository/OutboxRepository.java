package dev.subtitles.manager.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;

/** Rows of {@code manager.outbox} written through Hibernate (the relay reads and updates them with plain SQL). */
@ApplicationScoped
@WithSession
public class OutboxRepository implements PanacheRepositoryBase<OutboxMessage, Long> {
}
