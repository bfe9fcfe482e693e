package dev.subtitles.manager.logging;

import java.util.UUID;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.subtitles.common.logging.JobMdc;

/**
 * Puts the job id of a job route ({@code /jobs/{id}/...}, {@code /subtitles/{job_id}/...}) into the MDC
 * ({@link JobMdc}) before the resource runs, so every line logged while the request is handled names the job. The MDC
 * lives in the request's Vert.x duplicated context, so it is gone with the request. A path that is no UUID names no
 * job and is left alone.
 */
public class JobMdcFilter {

    private static final String[] ID_PARAMETERS = { "id", "job_id" };

    @ServerRequestFilter
    public void putJobId(UriInfo uri) {
        MultivaluedMap<String, String> parameters;
        try {
            parameters = uri.getPathParameters();
        } catch (IllegalArgumentException malformedEscape) {
            // The resource answers such a path with a 400 of its own; it names no job.
            return;
        }
        for (String name : ID_PARAMETERS) {
            String value = parameters.getFirst(name);
            if (value != null) {
                parse(value);
                return;
            }
        }
    }

    private static void parse(String value) {
        try {
            JobMdc.put(UUID.fromString(value));
        } catch (IllegalArgumentException notAJob) {
            // The resource answers 404 for it; there is no job to name.
        }
    }
}
