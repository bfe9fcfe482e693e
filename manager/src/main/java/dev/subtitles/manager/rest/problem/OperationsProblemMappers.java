package dev.subtitles.manager.rest.problem;

import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.subtitles.manager.status.DeadLetterException;

/** Problems of the operators' dead-letter tools: one mapper per kind. */
public class OperationsProblemMappers {

    @ServerExceptionMapper
    public RestResponse<Problem> unknownQueue(DeadLetterException.UnknownQueue e, UriInfo uri) {
        return Problems.of(Status.NOT_FOUND, "unknown-queue", "Unknown queue", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> queueMissing(DeadLetterException.QueueMissing e, UriInfo uri) {
        return Problems.of(Status.NOT_FOUND, "queue-missing", "Queue not declared", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> messageNotFound(DeadLetterException.MessageNotFound e, UriInfo uri) {
        return Problems.of(Status.NOT_FOUND, "dead-letter-not-found", "Dead-lettered message not found",
                e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> brokerFailure(DeadLetterException.BrokerFailure e, UriInfo uri) {
        return Problems.of(Status.SERVICE_UNAVAILABLE, "broker-unavailable", "Broker unavailable", e.getMessage(),
                uri);
    }
}
