package dev.subtitles.manager.rest;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.subtitles.manager.config.ManagerConfig;
import dev.subtitles.manager.rest.problem.RequestBodyTooLargeException;

/**
 * Refuses a POST whose declared body is over {@code manager.jobs.max-body-bytes} before the body is read, with a
 * problem document. (A body sent without a length is cut off by {@code quarkus.http.limits.max-body-size}.)
 */
public class RequestSizeLimit {

    private final long maxBytes;

    public RequestSizeLimit(ManagerConfig config) {
        this.maxBytes = config.jobs().maxBodyBytes();
    }

    @ServerRequestFilter(preMatching = true)
    public void limit(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (HttpMethod.POST.equals(request.getMethod()) && length != null) {
            long size = Long.parseLong(length.trim());
            if (size > maxBytes) {
                throw new RequestBodyTooLargeException(size, maxBytes);
            }
        }
    }
}
