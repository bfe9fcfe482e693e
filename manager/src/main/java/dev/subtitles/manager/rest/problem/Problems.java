package dev.subtitles.manager.rest.problem;

import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;

/** Builds problem responses, so every mapper words and types them the same way. */
final class Problems {

    private static final String TYPE_PREFIX = "urn:subtitles:problem:";

    private Problems() {
    }

    static RestResponse<Problem> of(Response.Status status, String kind, String title, String detail, UriInfo uri) {
        return of(status.getStatusCode(), kind, title, detail, uri, null);
    }

    static RestResponse<Problem> of(int status, String kind, String title, String detail, UriInfo uri,
            List<Problem.FieldError> errors) {
        Problem problem = new Problem(TYPE_PREFIX + kind, title, status, detail, instance(uri), errors);
        return RestResponse.ResponseBuilder.<Problem> create(status).entity(problem).type(Problem.MEDIA_TYPE).build();
    }

    private static String instance(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }
}
