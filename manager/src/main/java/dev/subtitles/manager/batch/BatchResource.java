package dev.subtitles.manager.batch;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
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
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.subtitles.auth.CallerTenant;
import dev.subtitles.auth.Roles;
import dev.subtitles.manager.validation.StorableText;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The batch API of docs/api.md: many jobs submitted in one request and followed as a whole. Submitting needs the role
 * {@code submitter}, reading any of the three roles; another tenant's batch answers as an unknown one.
 */
@Path("/batches")
@Tag(name = "batches")
public class BatchResource {

    private static final String ZIP = "application/zip";

    private final BatchSubmissionService submissions;
    private final BatchQueryService queries;
    private final BatchArchiveService archives;
    private final CallerTenant caller;

    public BatchResource(BatchSubmissionService submissions, BatchQueryService queries, BatchArchiveService archives,
            CallerTenant caller) {
        this.submissions = submissions;
        this.queries = queries;
        this.archives = archives;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.SUBMITTER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a batch of jobs", description = "A season's episodes (series, season, episodes) and/or"
            + " a list of videos, in one language and format: 202 with the new batch, or 200 with the batch an"
            + " earlier request with the same Idempotency-Key created")
    @APIResponse(responseCode = "202", description = "Accepted; Location names the batch")
    @APIResponse(responseCode = "200", description = "Replayed by Idempotency-Key")
    @APIResponse(responseCode = "400", description = "Invalid fields, all listed in errors")
    @APIResponse(responseCode = "422", description = "More jobs than a batch may hold, or the Idempotency-Key was used"
            + " by the tenant for another request")
    @APIResponse(responseCode = "429", description = "The tenant's limits do not admit all the batch's jobs; nothing"
            + " was written; retry after Retry-After")
    public Uni<RestResponse<BatchView>> submit(BatchRequest request,
            @Parameter(description = "Makes retries safe: the same key with the same body returns the same batch") @RestHeader("Idempotency-Key") @Size(min = 1, max = 255) @StorableText String idempotencyKey) {
        return caller.get().flatMap(tenant -> submissions.submit(tenant, request, idempotencyKey))
                .map(BatchResource::accepted);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.SUBMITTER, Roles.VIEWER, Roles.ADMIN })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A batch with the phase of each job, counts by phase, and whether all ended")
    @APIResponse(responseCode = "404", description = "Unknown or malformed id, or another tenant's batch")
    public Uni<BatchView> get(@RestPath String id) {
        return caller.get().flatMap(tenant -> queries.find(tenant, id));
    }

    @GET
    @RolesAllowed({ Roles.SUBMITTER, Roles.VIEWER, Roles.ADMIN })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The tenant's batches, newest first, without their jobs' phases")
    public Uni<BatchPage> list(@RestQuery String limit, @RestQuery String cursor) {
        return caller.get().flatMap(tenant -> queries.list(tenant, limit, cursor));
    }

    @GET
    @Path("/{id}/subtitles.zip")
    @RolesAllowed({ Roles.SUBMITTER, Roles.VIEWER, Roles.ADMIN })
    @Produces(ZIP)
    @Operation(summary = "A zip of the files of the batch's done jobs, with manifest.json", description = "format"
            + " (srt or vtt) applies to every file; defaults to the batch's")
    @APIResponse(responseCode = "404", description = "Unknown or malformed id, or another tenant's batch")
    @APIResponse(responseCode = "409", description = "No job of the batch is done yet")
    public Multi<byte[]> archive(@RestPath String id, @RestQuery String format) {
        return RestMulti.fromUniResponse(caller.get().flatMap(tenant -> archives.archive(tenant, id, format)),
                BatchArchive::body,
                archive -> Map.of(HttpHeaders.CONTENT_TYPE, List.of(ZIP), HttpHeaders.CONTENT_DISPOSITION,
                        List.of("attachment; filename=\"" + archive.fileName() + "\"")));
    }

    private static RestResponse<BatchView> accepted(BatchSubmission submission) {
        RestResponse.Status status = submission.created() ? RestResponse.Status.ACCEPTED : RestResponse.Status.OK;
        return RestResponse.ResponseBuilder.create(status, submission.batch())
                .location(URI.create("/batches/" + submission.batch().id())).build();
    }
}
