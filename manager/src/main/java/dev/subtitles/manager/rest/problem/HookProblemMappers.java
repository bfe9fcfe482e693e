package dev.subtitles.manager.rest.problem;

import java.util.List;

import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.subtitles.manager.hooks.HookLimitException;
import dev.subtitles.manager.hooks.HookNotFoundException;
import dev.subtitles.manager.hooks.InvalidHookException;

/** Problems about webhooks: one mapper per kind. */
public class HookProblemMappers {

    @ServerExceptionMapper
    public RestResponse<Problem> notFound(HookNotFoundException e, UriInfo uri) {
        return Problems.of(Status.NOT_FOUND, "hook-not-found", "Hook not found", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalid(InvalidHookException e, UriInfo uri) {
        return Problems.of(400, "invalid-request", "Invalid request", "field " + e.field() + " " + e.getMessage(), uri,
                List.of(new Problem.FieldError(e.field(), e.getMessage())));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> limit(HookLimitException e, UriInfo uri) {
        return Problems.of(Status.CONFLICT, "hook-limit", "Too many hooks", e.getMessage(), uri);
    }
}
