package dev.subtitles.manager.live;

import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.subtitles.auth.CallerTenant;
import io.smallrye.mutiny.Uni;

/**
 * Answers 404 (through the job-not-found problem mapper) before a {@link KnownJobOnly} method for unknown jobs and
 * other tenants' jobs.
 */
public class KnownJobFilter {

    private final LiveProgress progress;
    private final CallerTenant caller;

    public KnownJobFilter(LiveProgress progress, CallerTenant caller) {
        this.progress = progress;
        this.caller = caller;
    }

    @KnownJobOnly
    @ServerRequestFilter
    public Uni<Void> requireKnownJob(UriInfo uri) {
        return caller.get()
                .flatMap(tenant -> progress.requireJob(tenant, uri.getPathParameters().getFirst("id")))
                .replaceWithVoid();
    }
}
