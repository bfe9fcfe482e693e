package dev.subtitles.manager.console;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import dev.subtitles.auth.AuthConfig;
import dev.subtitles.common.phase.JobPhase;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The web console's pages. They hold no data: their scripts read and write through the JSON job API, which stays the
 * single source of truth, so a page is only the frame (labelled controls, where things go) for those calls. That is
 * why they are served to anyone: without a token the calls answer 401 and the page asks for one.
 * <p>
 * Every page's header has the token field when authentication is on ({@code subtitles.auth.mode}, anything but
 * {@code off}); the token goes into the cookie the API reads it from (docs/console.md).
 */
@Path("/")
@PermitAll
@Tag(name = "console")
public class ConsoleResource {

    /**
     * Every template's last two parameters, read by the layout: {@code authOff} whether authentication is off (no
     * token field then), {@code tenantClaim} the token claim that names the tenant, shown once a token is given.
     */
    @CheckedTemplate(basePath = "console")
    static class Templates {

        /** @param phases the names of every phase, in the state machine's order, for the phase filter */
        static native TemplateInstance jobs(List<String> phases, boolean authOff, String tenantClaim);

        static native TemplateInstance job(String jobId, boolean authOff, String tenantClaim);

        static native TemplateInstance operations(boolean authOff, String tenantClaim);
    }

    private final boolean authOff;
    private final String tenantClaim;

    public ConsoleResource(AuthConfig auth) {
        this.authOff = auth.mode() == AuthConfig.Mode.OFF;
        this.tenantClaim = auth.tenantClaim();
    }

    @GET
    @Operation(summary = "Redirects to the console")
    public RestResponse<Void> root() {
        return RestResponse.seeOther(URI.create("/console"));
    }

    @GET
    @Path("/console")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The console's jobs page: counts, filters, the list and the submit form")
    public TemplateInstance jobs() {
        return Templates.jobs(Stream.of(JobPhase.values()).map(JobPhase::name).toList(), authOff, tenantClaim);
    }

    @GET
    @Path("/console/jobs/{id}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The console's page of one job: state, live timeline, cancel, download, preview")
    public TemplateInstance job(@RestPath String id) {
        return Templates.job(id, authOff, tenantClaim);
    }

    @GET
    @Path("/admin/operations")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The console's operations page: queues, instances, jobs by outcome, dead letters")
    public TemplateInstance operations() {
        return Templates.operations(authOff, tenantClaim);
    }
}
