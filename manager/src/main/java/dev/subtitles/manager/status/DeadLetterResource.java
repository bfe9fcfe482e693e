package dev.subtitles.manager.status;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.subtitles.auth.Roles;
import dev.subtitles.common.messaging.Topology;
import dev.subtitles.manager.service.InvalidQueryException;
import io.smallrye.mutiny.Uni;

/**
 * The dead-letter tools (docs/operations.md): list what a work queue dead-lettered, put it back, or throw it away.
 * {@code {queue}} is the work queue's name; the tools act on its {@code .dlq}. For the role {@code admin}.
 */
@Path("/admin/dead-letters/{queue}")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "admin")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    private final DeadLetterQueues deadLetters;
    private final OperationsConfig.DeadLetters limits;

    public DeadLetterResource(DeadLetterQueues deadLetters, OperationsConfig config) {
        this.deadLetters = deadLetters;
        this.limits = config.deadLetters();
    }

    /** A listing: the first messages of the dead-letter queue, which stay there. */
    public record Listing(String queue, String deadLetterQueue, List<DeadLetter> messages) {
    }

    /** How many messages a requeue moved. */
    public record Requeued(int requeued) {
    }

    @GET
    @Operation(summary = "The first messages of the work queue's dead-letter queue, with why each was dead-lettered")
    public Uni<Listing> list(@RestPath String queue, @RestQuery Integer limit) {
        int count = limit == null ? limits.defaultLimit() : limit;
        if (count < 1 || count > limits.maxLimit()) {
            throw new InvalidQueryException("limit", "must be between 1 and " + limits.maxLimit());
        }
        return deadLetters.list(queue, count)
                .map(messages -> new Listing(queue, queue + Topology.DEAD_LETTER_QUEUE_SUFFIX, messages));
    }

    @POST
    @Path("/requeue")
    @Operation(summary = "Puts every dead-lettered message back into the work queue (as many as it held)")
    public Uni<Requeued> requeueAll(@RestPath String queue) {
        return deadLetters.requeueAll(queue).map(Requeued::new);
    }

    @POST
    @Path("/{messageId}/requeue")
    @Operation(summary = "Puts one dead-lettered message back into the work queue")
    public Uni<Requeued> requeue(@RestPath String queue, @RestPath String messageId) {
        return deadLetters.requeue(queue, messageId).map(ignored -> new Requeued(1));
    }

    @DELETE
    @Path("/{messageId}")
    @Operation(summary = "Deletes one dead-lettered message")
    public Uni<Void> discard(@RestPath String queue, @RestPath String messageId) {
        return deadLetters.discard(queue, messageId);
    }
}
