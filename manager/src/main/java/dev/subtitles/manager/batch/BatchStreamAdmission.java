package dev.subtitles.manager.batch;

import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.subtitles.auth.CallerTenant;
import dev.subtitles.manager.limits.LiveConnectionLimits;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Admits a client to a {@link BatchStream} method, or answers before the stream starts: 404 for an unknown batch or
 * another tenant's, 429 when the tenant has all its live connection slots taken. A batch's stream is one connection
 * whatever the number of its jobs: it holds one slot until its response ends, however it ends.
 */
public class BatchStreamAdmission {

    private final BatchQueryService batches;
    private final CallerTenant caller;
    private final LiveConnectionLimits limits;

    public BatchStreamAdmission(BatchQueryService batches, CallerTenant caller, LiveConnectionLimits limits) {
        this.batches = batches;
        this.caller = caller;
        this.limits = limits;
    }

    @BatchStream
    @ServerRequestFilter
    public Uni<Void> admit(UriInfo uri, RoutingContext request) {
        return caller.get()
                .call(tenant -> batches.requireKnown(tenant, uri.getPathParameters().getFirst("id")))
                .invoke(tenant -> limits.holdForResponse(tenant, request))
                .replaceWithVoid();
    }
}
