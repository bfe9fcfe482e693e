package dev.subtitles.manager.rest.problem;

import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.subtitles.manager.service.IdempotencyKeyReusedException;
import dev.subtitles.manager.service.JobFinishedException;
import dev.subtitles.manager.service.JobNotDoneException;
import dev.subtitles.manager.service.JobNotFoundException;
import dev.subtitles.manager.service.NoSourceSubtitleException;
import dev.subtitles.manager.service.VersionNotFoundException;

/** Problems about jobs the request names: one mapper per kind. */
public class JobProblemMappers {

    @ServerExceptionMapper
    public RestResponse<Problem> notFound(JobNotFoundException e, UriInfo uri) {
        return Problems.of(Status.NOT_FOUND, "job-not-found", "Job not found", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> notDone(JobNotDoneException e, UriInfo uri) {
        return Problems.of(Status.CONFLICT, "job-not-done", "Job not done", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> noSource(NoSourceSubtitleException e, UriInfo uri) {
        return Problems.of(Status.NOT_FOUND, "no-source-subtitle", "Not translated", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> noVersion(VersionNotFoundException e, UriInfo uri) {
        return Problems.of(Status.NOT_FOUND, "version-not-found", "Version not found", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> finished(JobFinishedException e, UriInfo uri) {
        return Problems.of(Status.CONFLICT, "job-finished", "Job already finished or finishing", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> idempotencyKeyReused(IdempotencyKeyReusedException e, UriInfo uri) {
        return Problems.of(422, "idempotency-key-reused", "Idempotency-Key reused", e.getMessage(), uri, null);
    }
}
