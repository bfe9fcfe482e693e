package dev.subtitles.common.logging;

import java.util.UUID;

import org.jboss.logging.MDC;

/**
 * The {@value #JOB_ID} field of every log line written while a job is in hand (JSON logs in the prod profile).
 * <p>
 * In a Quarkus service the MDC lives in the current Vert.x duplicated context (Quarkus's {@code VertxMDC}), not in the
 * thread: a field put while a message or request is handled stays with it across the event-loop hops of its Mutiny
 * pipeline (Redis, PostgreSQL and broker replies resume on the same duplicated context), and is gone with that context
 * when the handling ends. Off a Vert.x thread it falls back to a thread-local, so whoever puts it there also calls
 * {@link #clear()}.
 */
public final class JobMdc {

    /** The MDC key, and the JSON field, of the job id. */
    public static final String JOB_ID = "jobId";

    private JobMdc() {
    }

    /** Log lines from here on name {@code jobId}. */
    public static void put(UUID jobId) {
        MDC.put(JOB_ID, jobId.toString());
    }

    /** Log lines from here on name no job. */
    public static void clear() {
        MDC.remove(JOB_ID);
    }
}
