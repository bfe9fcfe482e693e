package dev.subtitles.manager.rest;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.subtitles.auth.CallerTenant;
import dev.subtitles.auth.Roles;
import dev.subtitles.manager.service.EventPage;
import dev.subtitles.manager.service.JobCancellationService;
import dev.subtitles.manager.service.JobEventsService;
import dev.subtitles.manager.service.JobPage;
import dev.subtitles.manager.service.JobQueryService;
import dev.subtitles.manager.service.JobSubmissionService;
import dev.subtitles.manager.service.JobView;
import dev.subtitles.manager.service.PhaseCountService;
import dev.subtitles.manager.service.PhaseCounts;
import dev.subtitles.manager.service.Submission;
import dev.subtitles.manager.service.SubtitleDownload;
import dev.subtitles.manager.service.SubtitleService;
import dev.subtitles.manager.service.VersionList;
import dev.subtitles.manager.validation.StorableText;
import io.smallrye.mutiny.Uni;

/**
 * The job API of docs/api.md: maps HTTP onto the services, with the caller's tenant, nothing else. Submitting and
 * cancelling need the role {@code submitter}, reading any of the three roles (docs/security.md).
 */
@Path("/jobs")
@Tag(name = "jobs")
public class JobResource {

    private final JobSubmissionService submissions;
    private final JobQueryService queries;
    private final JobEventsService events;
    private final SubtitleService subtitles;
    private final JobCancellationService cancellations;
    private final PhaseCountService counts;
    private final CallerTenant caller;

    public JobResource(JobSubmissionService submissions, JobQueryService queries, JobEventsService events,
            SubtitleService subtitles, JobCancellationService cancellations, PhaseCountService counts,
            CallerTenant caller) {
        this.submissions = submissions;
        this.queries = queries;
        this.events = events;
        this.subtitles = subtitles;
        this.cancellations = cancellations;
        this.counts = counts;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.SUBMITTER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a job", description = "202 with the new job, or 200 with the job an earlier"
            + " request with the same Idempotency-Key created")
    @APIResponse(responseCode = "202", description = "Accepted; Location names the job")
    @APIResponse(responseCode = "200", description = "Replayed by Idempotency-Key")
    @APIResponse(responseCode = "400", description = "Invalid fields, all listed in errors")
    @APIResponse(responseCode = "413", description = "Body over 64 KiB")
    @APIResponse(responseCode = "415", description = "Body not application/json")
    @APIResponse(responseCode = "422", description = "Idempotency-Key already used by the tenant for another request")
    @APIResponse(responseCode = "429", description = "The tenant is over one of its limits; retry after Retry-After")
    public Uni<RestResponse<JobView>> submit(@Valid @NotNull JobRequest request,
            @Parameter(description = "Makes retries safe: the same key with the same body returns the same job") @RestHeader("Idempotency-Key") @Size(min = 1, max = 255) @StorableText String idempotencyKey) {
        return caller.get().flatMap(tenant -> submissions.submit(tenant, request.toDownloadRequested(), idempotencyKey))
                .map(JobResource::accepted);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.SUBMITTER, Roles.VIEWER, Roles.ADMIN })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A job with its phase and result")
    @APIResponse(responseCode = "404", description = "Unknown or malformed id, or another tenant's job")
    public Uni<JobView> get(@RestPath String id) {
        return caller.get().flatMap(tenant -> queries.find(tenant, id));
    }

    @GET
    @RolesAllowed({ Roles.SUBMITTER, Roles.VIEWER, Roles.ADMIN })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The tenant's jobs, newest first", description = "With phase, a page may be shorter than limit (even"
            + " empty) and still have a nextCursor: the filter examines a bounded number of jobs per request")
    public Uni<JobPage> list(@RestQuery String phase,
            @Parameter(description = "Only jobs asking for this language (es, pt-BR)") @RestQuery String language,
            @Parameter(description = "Only jobs whose title contains this text, ignoring case, or whose IMDb id it is") @RestQuery String text,
            @RestQuery String limit, @RestQuery String cursor) {
        return caller.get().flatMap(tenant -> queries.list(tenant, phase, language, text, limit, cursor));
    }

    @GET
    @Path("/phase-counts")
    @RolesAllowed({ Roles.SUBMITTER, Roles.VIEWER, Roles.ADMIN })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "How many of the tenant's newest jobs are in each phase", description = "Counts at most"
            + " manager.jobs.phase-filter-scan-limit jobs; complete says whether that was all of them")
    public Uni<PhaseCounts> phaseCounts() {
        return caller.get().flatMap(counts::countNewest);
    }

    @GET
    @Path("/{id}/events")
    @RolesAllowed({ Roles.SUBMITTER, Roles.VIEWER, Roles.ADMIN })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The job's audit trail, newest first", description = "cursor pages to older events;"
            + " after keeps only events newer than that sequence number; wait (seconds, at most 60) holds an empty"
            + " answer until such an event exists")
    @APIResponse(responseCode = "404", description = "Unknown job")
    public Uni<EventPage> events(@RestPath String id, @RestQuery String limit, @RestQuery String cursor,
            @RestQuery String after, @RestQuery String wait) {
        return caller.get().flatMap(tenant -> events.page(tenant, id, limit, cursor, after, wait));
    }

    @GET
    @Path("/{id}/subtitle")
    @RolesAllowed({ Roles.SUBMITTER, Roles.VIEWER, Roles.ADMIN })
    @Operation(summary = "The resulting subtitle file", description = "Its latest version unless version names"
            + " another; format defaults to the job's")
    @APIResponse(responseCode = "404", description = "Unknown job, or no such version")
    @APIResponse(responseCode = "409", description = "The job is not done")
    public Uni<RestResponse<String>> subtitle(@RestPath String id, @RestQuery String format,
            @Parameter(description = "A version of GET /jobs/{id}/versions; 1 is the job's first file") @RestQuery String version) {
        return caller.get().flatMap(tenant -> subtitles.download(tenant, id, format, version)).map(JobResource::file);
    }

    @GET
    @Path("/{id}/versions")
    @RolesAllowed({ Roles.SUBMITTER, Roles.VIEWER, Roles.ADMIN })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The versions of the job's subtitle, oldest first", description = "Version 1 is the job's"
            + " first file; each better match found after the job was done adds one")
    @APIResponse(responseCode = "404", description = "Unknown job")
    @APIResponse(responseCode = "409", description = "The job is not done")
    public Uni<VersionList> versions(@RestPath String id) {
        return caller.get().flatMap(tenant -> subtitles.versions(tenant, id));
    }

    @GET
    @Path("/{id}/subtitle/source")
    @RolesAllowed({ Roles.SUBMITTER, Roles.VIEWER, Roles.ADMIN })
    @Operation(summary = "The subtitle a translated job's file was translated from", description = "In its own"
            + " language; format defaults to the job's")
    @APIResponse(responseCode = "404", description = "Unknown job, or its file was not translated")
    @APIResponse(responseCode = "409", description = "The job is not done")
    public Uni<RestResponse<String>> sourceSubtitle(@RestPath String id, @RestQuery String format) {
        return caller.get().flatMap(tenant -> subtitles.downloadSource(tenant, id, format)).map(JobResource::file);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.SUBMITTER)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a job", description = "Decides the job's end as cancelled and emits job.cancelled;"
            + " repeating it changes nothing")
    @APIResponse(responseCode = "202", description = "The job is cancelled (phase CANCELLED); no result will follow")
    @APIResponse(responseCode = "409", description = "The job already finished, or is finishing and ends as it does")
    @APIResponse(responseCode = "503", description = "Redis or PostgreSQL unreachable; retry after Retry-After")
    public Uni<RestResponse<JobView>> cancel(@RestPath String id) {
        return caller.get().flatMap(tenant -> cancellations.cancel(tenant, id)).map(job -> RestResponse.accepted(job));
    }

    static RestResponse<JobView> accepted(Submission submission) {
        RestResponse.Status status = submission.created() ? RestResponse.Status.ACCEPTED : RestResponse.Status.OK;
        return RestResponse.ResponseBuilder.create(status, submission.job())
                .location(URI.create("/jobs/" + submission.job().id())).build();
    }

    private static RestResponse<String> file(SubtitleDownload download) {
        return RestResponse.ResponseBuilder.ok(download.content())
                .type(download.format().mediaType() + ";charset=" + StandardCharsets.UTF_8.name().toLowerCase())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + download.fileName() + "\"")
                .build();
    }
}
