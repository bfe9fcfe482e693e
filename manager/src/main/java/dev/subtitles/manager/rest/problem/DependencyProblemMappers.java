package dev.subtitles.manager.rest.problem;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.subtitles.manager.config.ManagerConfig;
import dev.subtitles.manager.service.DependencyUnavailableException;

/** A server the manager needs is down: 503 with {@code Retry-After}, so clients retry instead of giving up. */
public class DependencyProblemMappers {

    private final String retryAfterSeconds;

    public DependencyProblemMappers(ManagerConfig config) {
        this.retryAfterSeconds = Long.toString(Math.max(1, config.dependencies().retryAfter().toSeconds()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unavailable(DependencyUnavailableException e, UriInfo uri) {
        RestResponse<Problem> problem = Problems.of(Status.SERVICE_UNAVAILABLE, "service-unavailable",
                "Service unavailable", "a server the manager needs (PostgreSQL or Redis) is unreachable; retry after "
                        + retryAfterSeconds + " s",
                uri);
        return RestResponse.ResponseBuilder.fromResponse(problem).header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                .build();
    }
}
