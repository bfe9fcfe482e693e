package dev.subtitles.manager.live;

import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.subtitles.auth.CallerTenant;
import dev.subtitles.manager.limits.LiveConnectionLimits;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Admits a client to a {@link LiveStream} method, or answers before the stream starts: 404 (through the job-not-found
 * problem mapper) for an unknown job or another tenant's, 429 when the tenant has all its live connection slots
 * taken. An admitted client holds one slot until its response ends, however it ends.
 */
public class LiveStreamAdmission {

    private final LiveProgress progress;
    private final CallerTenant caller;
    private final LiveConnectionLimits limits;

    public LiveStreamAdmission(LiveProgress progress, CallerTenant caller, LiveConnectionLimits limits) {
        this.progress = progress;
        this.caller = caller;
        this.limits = limits;
    }

    @LiveStream
    @ServerRequestFilter
    public Uni<Void> admit(UriInfo uri, RoutingContext request) {
        return caller.get()
                .call(tenant -> progress.requireJob(tenant, uri.getPathParameters().getFirst("id")))
                .invoke(tenant -> limits.holdForResponse(tenant, request))
                .replaceWithVoid();
    }
}
