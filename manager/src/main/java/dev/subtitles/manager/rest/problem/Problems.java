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
        Problem problem = problem(status, kind, title, detail, instance(uri), errors);
        return RestResponse.ResponseBuilder.<Problem> create(status).entity(problem).type(Problem.MEDIA_TYPE).build();
    }

    /** The problem document itself, for a response written outside the REST layer. */
    static Problem problem(int status, String kind, String title, String detail, String instance,
            List<Problem.FieldError> errors) {
        return new Problem(TYPE_PREFIX + kind, title, status, detail, instance, errors);
    }

    private static String instance(UriInfo uri) {
        // As sent (still percent-encoded): decoding a path that was decoded once already can fail (/jobs/%25;).
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}
