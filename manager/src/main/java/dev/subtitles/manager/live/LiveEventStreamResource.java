package dev.subtitles.manager.live;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import dev.subtitles.auth.CallerTenant;
import dev.subtitles.auth.Roles;
import dev.subtitles.manager.live.LiveConnections.Transport;
import dev.subtitles.manager.service.InvalidQueryException;
import io.smallrye.mutiny.Multi;

/**
 * {@code GET /jobs/{id}/events/stream}: a job's progress as Server-Sent Events. Each event carries the history entry
 * as {@code data} and its sequence number as {@code id}, so a reconnecting client resumes after the last one it got
 * ({@code Last-Event-ID}); the stream ends with an {@code end} event naming the terminal phase. Comments keep idle
 * connections open. 404 problem for an unknown job or another tenant's.
 */
@Path("/jobs/{id}/events/stream")
public class LiveEventStreamResource {

    private final LiveProgress progress;
    private final LiveConnections connections;
    private final CallerTenant caller;

    public LiveEventStreamResource(LiveProgress progress, LiveConnections connections, CallerTenant caller) {
        this.progress = progress;
        this.connections = connections;
        this.caller = caller;
    }

    @GET
    @LiveStream
    @RolesAllowed({ Roles.SUBMITTER, Roles.VIEWER, Roles.ADMIN })
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@RestPath String id, @RestHeader("Last-Event-ID") String lastEventId,
            @Context Sse sse) {
        long after = resumeAfter(lastEventId);
        return connections.counted(caller.get().toMulti().flatMap(tenant -> progress.watch(tenant, id, after)), Transport.SSE)
                .map(message -> toSse(sse, message));
    }

    private static OutboundSseEvent toSse(Sse sse, LiveMessage message) {
        if (message instanceof LiveMessage.Event event) {
            return sse.newEventBuilder()
                    .id(Long.toString(event.entry().seq()))
                    .mediaType(MediaType.TEXT_PLAIN_TYPE)
                    .data(event.entry().json())
                    .build();
        }
        if (message instanceof LiveMessage.End end) {
            return sse.newEventBuilder()
                    .name("end")
                    .mediaType(MediaType.TEXT_PLAIN_TYPE)
                    .data("{\"phase\":\"" + end.phase().name() + "\"}")
                    .build();
        }
        return sse.newEventBuilder().comment("keep-alive").build();
    }

    private static long resumeAfter(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return 0;
        }
        try {
            long seq = Long.parseLong(lastEventId.trim());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // answered below like a negative number
        }
        throw new InvalidQueryException("Last-Event-ID", "must be an event sequence number (0 or more)");
    }
}
