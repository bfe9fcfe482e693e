package dev.subtitles.manager.limits;

import java.time.Duration;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

/** Test only: refuses every request as over a limit, so the 429 answer can be checked over HTTP. */
@Path("/test-only/too-many-requests")
public class TooManyRequestsResource {

    @GET
    @Operation(hidden = true)
    public String refuse(@RestQuery long retryAfterMillis) {
        throw new TooManyRequestsException("this test refuses every request", Duration.ofMillis(retryAfterMillis));
    }
}
