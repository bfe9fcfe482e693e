package dev.subtitles.manager.hooks;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.subtitles.auth.CallerTenant;
import dev.subtitles.auth.Roles;
import io.smallrye.mutiny.Uni;

/**
 * The webhook API of docs/webhooks.md: maps HTTP onto {@link HookService}, with the caller's tenant. Registering,
 * deleting and enabling need the role {@code submitter}, reading any of the three roles (docs/security.md).
 */
@Path("/hooks")
@Tag(name = "hooks")
public class HookResource {

    private final HookService hooks;
    private final CallerTenant caller;

    public HookResource(HookService hooks, CallerTenant caller) {
        this.hooks = hooks;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.SUBMITTER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a webhook", description = "Events of the wanted types of the tenant's jobs are"
            + " posted to the URL, signed with the secret this answer carries; no later answer shows the secret")
    @APIResponse(responseCode = "201", description = "Registered; Location names the hook")
    @APIResponse(responseCode = "400", description = "Invalid fields, all listed in errors")
    @APIResponse(responseCode = "409", description = "The tenant has manager.hooks.max-per-tenant hooks already")
    public Uni<RestResponse<HookView>> register(@Valid @NotNull HookRequest request) {
        return caller.get().flatMap(tenant -> hooks.register(tenant, request))
                .map(hook -> RestResponse.ResponseBuilder.<HookView> created(URI.create("/hooks/" + hook.id()))
                        .entity(hook).build());
    }

    @GET
    @RolesAllowed({ Roles.SUBMITTER, Roles.VIEWER, Roles.ADMIN })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The tenant's webhooks, oldest first")
    public Uni<HookList> list() {
        return caller.get().flatMap(hooks::list);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.SUBMITTER, Roles.VIEWER, Roles.ADMIN })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A webhook, with whether it is enabled and why not")
    @APIResponse(responseCode = "404", description = "Unknown or malformed id, or another tenant's hook")
    public Uni<HookView> get(@RestPath String id) {
        return caller.get().flatMap(tenant -> hooks.get(tenant, id));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.SUBMITTER)
    @Operation(summary = "Delete a webhook", description = "With its pending deliveries and its attempts")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "Unknown or malformed id, or another tenant's hook")
    public Uni<RestResponse<Void>> delete(@RestPath String id) {
        return caller.get().flatMap(tenant -> hooks.delete(tenant, id)).map(ignored -> RestResponse.noContent());
    }

    @POST
    @Path("/{id}/enable")
    @RolesAllowed(Roles.SUBMITTER)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enable a webhook again", description = "Clears why it was disabled and its failures;"
            + " events published from now on are delivered to it")
    @APIResponse(responseCode = "404", description = "Unknown or malformed id, or another tenant's hook")
    public Uni<HookView> enable(@RestPath String id) {
        return caller.get().flatMap(tenant -> hooks.enable(tenant, id));
    }

    @GET
    @Path("/{id}/deliveries")
    @RolesAllowed({ Roles.SUBMITTER, Roles.VIEWER, Roles.ADMIN })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The webhook's latest delivery attempts, newest first")
    @APIResponse(responseCode = "404", description = "Unknown or malformed id, or another tenant's hook")
    public Uni<DeliveryList> deliveries(@RestPath String id,
            @Parameter(description = "How many attempts (default manager.hooks.default-deliveries)") @RestQuery String limit) {
        return caller.get().flatMap(tenant -> hooks.deliveries(tenant, id, limit));
    }
}
