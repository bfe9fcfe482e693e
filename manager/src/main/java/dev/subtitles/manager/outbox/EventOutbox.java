package dev.subtitles.manager.outbox;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.manager.repository.OutboxMessage;
import dev.subtitles.manager.repository.OutboxRepository;
import io.smallrye.mutiny.Uni;

/**
 * Where services put the events they emit: encoded once here and written in the caller's transaction, published
 * later by {@link OutboxRelay}. Call {@link #committed()} after the transaction commits.
 */
@ApplicationScoped
public class EventOutbox {

    private final OutboxRepository repository;
    private final EventCodec codec;
    private final OutboxRelay relay;

    public EventOutbox(OutboxRepository repository, EventCodec codec, OutboxRelay relay) {
        this.repository = repository;
        this.codec = codec;
        this.relay = relay;
    }

    /** Adds the event to the outbox within the current transaction. */
    public Uni<Void> append(JobEvent<?> event) {
        return repository.persist(message(event)).replaceWithVoid();
    }

    /** The outbox row of the event, encoded, for a caller that writes it itself (see {@code NewJobWriter}). */
    public OutboxMessage message(JobEvent<?> event) {
        OutboxMessage message = new OutboxMessage();
        message.eventId = event.id();
        message.jobId = event.jobId();
        message.type = event.type().routingKey();
        message.routingKey = event.routingKey();
        message.body = codec.encode(event);
        message.createdAt = Instant.now();
        return message;
    }

    /** Tells the relay that appended events were committed, so they go out now rather than at the next poll. */
    public void committed() {
        relay.wake();
    }
}
