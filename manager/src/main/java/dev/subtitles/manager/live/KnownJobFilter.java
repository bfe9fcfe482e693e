package dev.subtitles.manager.live;

import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.smallrye.mutiny.Uni;

/** Answers 404 (through the job-not-found problem mapper) before a {@link KnownJobOnly} method for unknown jobs. */
public class KnownJobFilter {

    private final LiveProgress progress;

    public KnownJobFilter(LiveProgress progress) {
        this.progress = progress;
    }

    @KnownJobOnly
    @ServerRequestFilter
    public Uni<Void> requireKnownJob(UriInfo uri) {
        return progress.requireJob(uri.getPathParameters().getFirst("id")).replaceWithVoid();
    }
}
