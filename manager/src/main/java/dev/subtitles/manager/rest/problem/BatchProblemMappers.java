package dev.subtitles.manager.rest.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.subtitles.manager.batch.BatchNotFoundException;
import dev.subtitles.manager.batch.BatchTooLargeException;
import dev.subtitles.manager.batch.InvalidBatchException;
import dev.subtitles.manager.batch.NothingDoneException;

/** Problems about batches: one mapper per kind. */
public class BatchProblemMappers {

    @ServerExceptionMapper
    public RestResponse<Problem> invalid(InvalidBatchException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>(e.errors());
        errors.sort(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message));
        return Problems.of(400, "invalid-request", "Invalid request", e.getMessage(), uri, errors);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> tooLarge(BatchTooLargeException e, UriInfo uri) {
        return Problems.of(422, "batch-too-large", "Batch too large", e.getMessage(), uri, null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> notFound(BatchNotFoundException e, UriInfo uri) {
        return Problems.of(Status.NOT_FOUND, "batch-not-found", "Batch not found", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> nothingDone(NothingDoneException e, UriInfo uri) {
        return Problems.of(Status.CONFLICT, "batch-not-done", "No job of the batch is done", e.getMessage(), uri);
    }
}
