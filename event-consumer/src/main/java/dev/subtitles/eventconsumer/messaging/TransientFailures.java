package dev.subtitles.eventconsumer.messaging;

import java.util.Set;

import dev.subtitles.eventconsumer.projection.ConcurrentRecordingException;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.DatabaseException;

/**
 * Tells a failure worth waiting out (a server down, restarting, or busy; a conflict with another instance) from one
 * that retrying the same batch cannot fix (a server rejecting what it was sent). Waiting out the latter would stall
 * consumption for nothing; its batch is split instead so the culprit alone goes back to the queue.
 */
final class TransientFailures {

    /**
     * SQLSTATE classes: 08 connection exception, 40 transaction rollback (serialization failure, deadlock), 53
     * insufficient resources, 57 operator intervention (e.g. the server shutting down).
     */
    private static final Set<String> TRANSIENT_SQL_STATE_CLASSES = Set.of("08", "40", "53", "57");
    /** Redis error replies that mean "not now" rather than "not this". */
    private static final Set<String> TRANSIENT_REDIS_ERRORS = Set.of("LOADING", "BUSY", "TRYAGAIN", "MASTERDOWN",
            "CLUSTERDOWN", "READONLY");

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        if (failure instanceof ConcurrentRecordingException) {
            return true;
        }
        if (failure instanceof DatabaseException database) {
            String sqlState = database.getSqlState();
            return sqlState != null && sqlState.length() >= 2
                    && TRANSIENT_SQL_STATE_CLASSES.contains(sqlState.substring(0, 2));
        }
        if (failure instanceof Response redisError) {
            String message = redisError.toString();
            int end = message.indexOf(' ');
            return TRANSIENT_REDIS_ERRORS.contains(end < 0 ? message : message.substring(0, end));
        }
        // Connection refused or closed, timeouts, a pool without connections: the server is away.
        return true;
    }
}
