package dev.subtitles.manager.rest;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A POST must say what its body is: without a {@code Content-Type} the REST layer would read it as the method's
 * media type, so it is refused with 415 (a problem document, through the HTTP problem mapper) as the README says.
 */
public class ContentTypeRequired {

    @ServerRequestFilter
    public void require(ContainerRequestContext request) {
        if (HttpMethod.POST.equals(request.getMethod()) && request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null) {
            throw new NotSupportedException("the request has no Content-Type; send the body as application/json");
        }
    }
}
