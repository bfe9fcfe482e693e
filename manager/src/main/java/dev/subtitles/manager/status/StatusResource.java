package dev.subtitles.manager.status;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.subtitles.auth.Roles;
import io.smallrye.mutiny.Uni;

/**
 * The operators' view of the pipeline (docs/operations.md), of every tenant; under {@code /admin} like every operator
 * route, for the role {@code admin}.
 */
@Path("/admin/status")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "admin")
public class StatusResource {

    private final StatusService status;

    public StatusResource(StatusService status) {
        this.status = status;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Queues, worker instances, jobs by phase, and outcomes over the last hour and day")
    public Uni<OperatorStatus> status() {
        return status.read();
    }
}
