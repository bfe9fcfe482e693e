package dev.subtitles.auth;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * 401 and 403 as problem documents (RFC 9457), worded and typed like the manager's other problems: 401 when the
 * request has no valid token (none, expired, another issuer or audience, a signature the key does not verify), with
 * {@code WWW-Authenticate: Bearer}; 403 when the token lacks a role the route needs, or a valid tenant claim. What
 * was wrong with a token is logged by smallrye-jwt, never told to the caller.
 */
public class AuthProblemMappers {

    private static final String TYPE_PREFIX = "urn:subtitles:problem:";
    private static final String MEDIA_TYPE = "application/problem+json";
    private static final String UNAUTHORIZED_DETAIL = "send a valid bearer token (Authorization: Bearer <token>, or the"
            + " cookie subtitles_token)";

    @ServerExceptionMapper
    public RestResponse<AuthProblem> noToken(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public RestResponse<AuthProblem> invalidToken(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public RestResponse<AuthProblem> forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, "forbidden", "Forbidden",
                "the token does not grant a role this request needs, or names no valid tenant", uri);
    }

    private static RestResponse<AuthProblem> unauthorized(UriInfo uri) {
        return RestResponse.ResponseBuilder.fromResponse(problem(401, "unauthorized", "Unauthorized",
                UNAUTHORIZED_DETAIL, uri)).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    private static RestResponse<AuthProblem> problem(int status, String kind, String title, String detail,
            UriInfo uri) {
        AuthProblem problem = new AuthProblem(TYPE_PREFIX + kind, title, status, detail,
                uri == null ? null : uri.getRequestUri().getRawPath());
        return RestResponse.ResponseBuilder.<AuthProblem> create(status).entity(problem).type(MEDIA_TYPE).build();
    }

    /** The problem document of a refused caller: the fields of every problem the services answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuthProblem(String type, String title, int status, String detail, String instance) {
    }
}
