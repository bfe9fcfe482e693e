package dev.subtitles.manager.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.subtitles.auth.CallerTenant;
import dev.subtitles.auth.Roles;
import dev.subtitles.manager.service.EventPage;
import dev.subtitles.manager.service.JobEventsService;
import dev.subtitles.manager.service.JobSubmissionService;
import dev.subtitles.manager.service.JobView;
import dev.subtitles.manager.validation.StorableText;
import io.smallrye.mutiny.Uni;

/**
 * The original subtitle manager's routes, kept for its clients: they map onto the same operations as
 * {@link JobResource} and return the same data.
 */
@Path("/subtitles")
@Tag(name = "compatibility")
public class LegacySubtitleResource {

    private final JobSubmissionService submissions;
    private final JobEventsService events;
    private final CallerTenant caller;

    public LegacySubtitleResource(JobSubmissionService submissions, JobEventsService events, CallerTenant caller) {
        this.submissions = submissions;
        this.events = events;
        this.caller = caller;
    }

    @POST
    @Path("/download")
    @RolesAllowed(Roles.SUBMITTER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a job (original API)", description = "Same as POST /jobs")
    public Uni<RestResponse<JobView>> download(@Valid @NotNull LegacyDownloadRequest request,
            @RestHeader("Idempotency-Key") @Size(min = 1, max = 255) @StorableText String idempotencyKey) {
        return caller.get()
                .flatMap(tenant -> submissions.submit(tenant, request.toJobRequest().toDownloadRequested(),
                        idempotencyKey))
                .map(JobResource::accepted);
    }

    @GET
    @Path("/{job_id}/events")
    @RolesAllowed({ Roles.SUBMITTER, Roles.VIEWER, Roles.ADMIN })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A job's audit trail (original API)", description = "Same as GET /jobs/{id}/events")
    public Uni<EventPage> events(@RestPath("job_id") String jobId, @RestQuery String limit,
            @RestQuery String cursor, @RestQuery String after, @RestQuery String wait) {
        return caller.get().flatMap(tenant -> events.page(tenant, jobId, limit, cursor, after, wait));
    }
}
