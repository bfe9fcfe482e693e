package dev.subtitles.manager.limits;

import java.time.Duration;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Test only: refuses every request as over a limit, so the 429 answer can be checked over HTTP; open to anyone, as
 * every route must say who may call it.
 */
@Path("/test-only/too-many-requests")
@PermitAll
public class TooManyRequestsResource {

    @GET
    @Operation(hidden = true)
    public String refuse(@RestQuery long retryAfterMillis) {
        throw new TooManyRequestsException("this test refuses every request", Duration.ofMillis(retryAfterMillis));
    }
}
