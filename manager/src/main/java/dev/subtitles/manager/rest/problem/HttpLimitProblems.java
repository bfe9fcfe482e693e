package dev.subtitles.manager.rest.problem;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.subtitles.manager.config.ManagerConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The request limits, checked on the Vert.x router before anything else reads the request, so that a request over
 * one gets a problem document like every other error instead of the HTTP layer's bare status: 414 for a request
 * target over {@code manager.http.max-uri-length}, 431 for headers over {@code manager.http.max-header-bytes}, 413 for
 * a body over {@code quarkus.http.limits.max-body-size}: refused at once when its declared length is over, read here
 * within the limit when it has no length (the REST layer takes a body read this way as it is).
 * <p>
 * Registered just before Quarkus' own upload limit, which would answer 413 with no body. The connection is closed
 * after a 413, since the body is not read.
 */
@ApplicationScoped
public class HttpLimitProblems {

    private static final Logger LOG = Logger.getLogger(HttpLimitProblems.class);

    private final ObjectMapper mapper;
    private final ManagerConfig.Http config;
    private final long maxBodyBytes;
    private final BodyHandler chunkedBodies;

    public HttpLimitProblems(ObjectMapper mapper, ManagerConfig config,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.mapper = mapper;
        this.config = config.http();
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.chunkedBodies = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
    }

    void register(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check)
                .failureHandler(this::bodyOverLimit);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > config.maxUriLength()) {
            refuse(context, 414, "uri-too-long", "URI too long", "the request target has " + request.uri().length()
                    + " characters, more than the " + config.maxUriLength() + " this API accepts", false);
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerBytes += header.getKey().length() + header.getValue().length();
        }
        if (headerBytes > config.maxHeaderBytes()) {
            refuse(context, 431, "headers-too-large", "Request headers too large", "the headers have " + headerBytes
                    + " bytes, more than the " + config.maxHeaderBytes() + " this API accepts", false);
            return;
        }
        long declared = declaredLength(request);
        if (declared > maxBodyBytes) {
            refuse(context, 413, "body-too-large", "Request body too large", "the body is " + declared
                    + " bytes, more than the " + maxBodyBytes + " bytes a request may have", true);
            return;
        }
        if (declared < 0 && request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            // A body without a length is read here, within the limit (the REST layer then takes it as read), so that
            // one over it fails this route with 413 and gets a problem document from bodyOverLimit.
            chunkedBodies.handle(context);
            return;
        }
        context.next();
    }

    private void bodyOverLimit(RoutingContext context) {
        if (context.statusCode() == 413 && !context.response().ended()) {
            refuse(context, 413, "body-too-large", "Request body too large", "the body is more than the "
                    + maxBodyBytes + " bytes a request may have", true);
            return;
        }
        context.next();
    }

    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            // the HTTP decoder refuses a malformed length before this runs; nothing to add here
            return -1;
        }
    }

    private void refuse(RoutingContext context, int status, String kind, String title, String detail,
            boolean close) {
        // A target too long to accept is not echoed back either.
        String path = status == 414 ? null : context.request().path();
        Problem problem = Problems.problem(status, kind, title, detail, path, null);
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem document always serialises", e);
        }
        LOG.debugf("refused a %s request: %s", context.request().method(), detail);
        var response = context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (close) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(body);
    }
}
