package dev.subtitles.eventconsumer.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;

import dev.subtitles.auth.Roles;
import dev.subtitles.eventconsumer.projection.RebuildService;
import dev.subtitles.eventconsumer.projection.RebuildService.RebuildSummary;
import io.smallrye.mutiny.Uni;

/**
 * Operator endpoints that rebuild the Redis view from the event log, for the role {@code admin}; see
 * {@link RebuildService}.
 */
@Path("/admin/rebuild")
@RolesAllowed(Roles.ADMIN)
public class RebuildResource {

    private final RebuildService rebuild;

    public RebuildResource(RebuildService rebuild) {
        this.rebuild = rebuild;
    }

    /** Rebuilds every job; answers when done, with the counts. */
    @POST
    public Uni<RebuildSummary> rebuildAll() {
        return rebuild.rebuildAll();
    }

    /** Rebuilds one job; 404 (problem+json) when the event log has no event of it. */
    @POST
    @Path("/{jobId}")
    public Uni<RestResponse<Object>> rebuildJob(@PathParam("jobId") UUID jobId) {
        return rebuild.rebuild(jobId).map(events -> events == 0
                ? RestResponse.ResponseBuilder.<Object> create(Response.Status.NOT_FOUND)
                        .type("application/problem+json")
                        .entity(new Problem("about:blank", "Unknown job", 404,
                                "The event log has no event of job " + jobId + ", so there is nothing to rebuild."))
                        .build()
                : RestResponse.ok(new JobRebuilt(jobId, events), MediaType.APPLICATION_JSON_TYPE));
    }

    /**
     * The answer to rebuilding one job.
     *
     * @param jobId the job
     * @param events events replayed into its view
     */
    public record JobRebuilt(UUID jobId, int events) {
    }

    /** An RFC 9457 problem document. */
    public record Problem(String type, String title, int status, String detail) {
    }
}
