package dev.subtitles.manager.batch;

import java.util.Map;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import dev.subtitles.auth.CallerTenant;
import dev.subtitles.auth.Roles;
import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.manager.live.LiveConnections;
import dev.subtitles.manager.live.LiveConnections.Transport;
import io.smallrye.mutiny.Multi;

/**
 * {@code GET /batches/{id}/events/stream}: the progress of every job of a batch as one stream of Server-Sent Events.
 * Each job event is an unnamed event whose {@code data} is the history entry (which names its job); an event
 * {@code job-end} ({@code {"jobId":…,"phase":"DONE"}}) follows each job's terminal event, and an event {@code end}
 * ({@code {"counts":{"DONE":9,"FAILED":1,"CANCELLED":0}}}) ends the stream once all ended. Events carry no id: a
 * client that reconnects gets every job's history again. Comments keep idle connections open. A client that falls
 * {@code manager.live.buffer-size} events of one job behind is cut off, as on a job's stream. 404 problem for an
 * unknown batch or another tenant's.
 */
@Path("/batches/{id}/events/stream")
@Tag(name = "batches")
public class BatchEventStreamResource {

    private final BatchProgress progress;
    private final LiveConnections connections;
    private final CallerTenant caller;

    public BatchEventStreamResource(BatchProgress progress, LiveConnections connections, CallerTenant caller) {
        this.progress = progress;
        this.connections = connections;
        this.caller = caller;
    }

    @GET
    @BatchStream
    @RolesAllowed({ Roles.SUBMITTER, Roles.VIEWER, Roles.ADMIN })
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Every job's events of the batch as Server-Sent Events, until all ended")
    public Multi<OutboundSseEvent> stream(@RestPath String id, @Context Sse sse) {
        return connections.counted(caller.get().toMulti().flatMap(tenant -> progress.watch(tenant, id)), Transport.SSE)
                .map(message -> toSse(sse, message));
    }

    private static OutboundSseEvent toSse(Sse sse, BatchMessage message) {
        if (message instanceof BatchMessage.Event event) {
            return sse.newEventBuilder().mediaType(MediaType.TEXT_PLAIN_TYPE).data(event.entry().json()).build();
        }
        if (message instanceof BatchMessage.JobEnded ended) {
            return sse.newEventBuilder().name("job-end").mediaType(MediaType.TEXT_PLAIN_TYPE)
                    .data("{\"jobId\":\"" + ended.jobId() + "\",\"phase\":\"" + ended.phase().name() + "\"}").build();
        }
        if (message instanceof BatchMessage.End end) {
            return sse.newEventBuilder().name("end").mediaType(MediaType.TEXT_PLAIN_TYPE)
                    .data("{\"counts\":" + counts(end.counts()) + "}").build();
        }
        return sse.newEventBuilder().comment("keep-alive").build();
    }

    private static String counts(Map<JobPhase, Integer> counts) {
        return counts.entrySet().stream().map(entry -> "\"" + entry.getKey().name() + "\":" + entry.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }
}
