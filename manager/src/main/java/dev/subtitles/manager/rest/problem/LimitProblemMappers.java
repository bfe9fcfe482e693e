package dev.subtitles.manager.rest.problem;

import java.time.Duration;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.subtitles.manager.limits.TooManyRequestsException;

/** A tenant over one of its limits: 429 with {@code Retry-After}, the whole seconds until a retry can succeed. */
public class LimitProblemMappers {

    @ServerExceptionMapper
    public RestResponse<Problem> tooManyRequests(TooManyRequestsException e, UriInfo uri) {
        String seconds = Long.toString(retryAfterSeconds(e.retryAfter()));
        RestResponse<Problem> problem = Problems.of(429, "too-many-requests", "Too many requests",
                e.getMessage() + "; retry after " + seconds + " s", uri, null);
        return RestResponse.ResponseBuilder.fromResponse(problem).header(HttpHeaders.RETRY_AFTER, seconds).build();
    }

    /** {@code retryAfter} rounded up to whole seconds, at least 1: a client that waits that long is not too early. */
    static long retryAfterSeconds(Duration retryAfter) {
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            return 1;
        }
        long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
