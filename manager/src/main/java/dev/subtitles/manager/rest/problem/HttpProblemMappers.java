package dev.subtitles.manager.rest.problem;

import java.util.Locale;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The HTTP-level errors the REST layer raises itself (no such route 404, 405, 406, 415, ...), as problem documents
 * with their original status. Not a catch-all: only exceptions that already carry an intended HTTP status.
 */
public class HttpProblemMappers {

    @ServerExceptionMapper
    public RestResponse<Problem> http(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return InputProblemMappers.unreadable(unreadable, uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        String reason = status.getReasonPhrase() == null ? "HTTP error" : status.getReasonPhrase();
        String kind = reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return Problems.of(status.getStatusCode(), kind, reason, detail(status.getStatusCode(), e), uri, null);
    }

    private static String detail(int status, WebApplicationException e) {
        return switch (status) {
            case 415 -> "send the body as application/json";
            case 404 -> "there is nothing at this path";
            case 405 -> "this path does not support the request's method";
            default -> e.getMessage();
        };
    }
}
