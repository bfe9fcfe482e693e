package dev.subtitles.eventconsumer.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import dev.subtitles.eventconsumer.projection.EventLog;
import io.vertx.pgclient.PgException;
import io.vertx.redis.client.impl.types.ErrorType;
import io.vertx.sqlclient.ClosedConnectionException;

class TransientFailuresTest {

    @Test
    void aServerGoingAwayIsTransient() {
        assertThat(TransientFailures.isTransient(ClosedConnectionException.INSTANCE)).isTrue();
        assertThat(TransientFailures.isTransient(new ConnectException("Connection refused"))).isTrue();
        assertThat(TransientFailures.isTransient(new TimeoutException("no answer"))).isTrue();
        assertThat(TransientFailures.isTransient(ErrorType.create("CONNECTION_CLOSED"))).isTrue();
        assertThat(TransientFailures.isTransient(new CompletionException(ClosedConnectionException.INSTANCE))).isTrue();
    }

    @Test
    void postgresSayingNotNowIsTransient() {
        assertThat(TransientFailures.isTransient(postgres("57P01"))).isTrue();
        assertThat(TransientFailures.isTransient(postgres("40001"))).isTrue();
        assertThat(TransientFailures.isTransient(postgres("08006"))).isTrue();
        assertThat(TransientFailures.isTransient(postgres("53300"))).isTrue();
    }

    @Test
    void postgresRefusingTheDataIsADataErrorNotATransientOne() {
        for (String sqlState : new String[] { "22P02", "22P05", "22021", "23505" }) {
            assertThat(TransientFailures.isTransient(postgres(sqlState))).as(sqlState).isFalse();
            assertThat(EventLog.isDataError(postgres(sqlState))).as(sqlState).isTrue();
        }
        assertThat(EventLog.isDataError(postgres("57P01"))).isFalse();
        assertThat(EventLog.isDataError(ClosedConnectionException.INSTANCE)).isFalse();
    }

    @Test
    void aBugIsNeitherTransientNorADataError() {
        assertThat(TransientFailures.isTransient(new IllegalStateException("bug"))).isFalse();
        assertThat(TransientFailures.isTransient(postgres("42P01"))).isFalse();
        assertThat(TransientFailures.isTransient(ErrorType.create("ERR Error running script"))).isFalse();
        assertThat(EventLog.isDataError(postgres("42P01"))).isFalse();
    }

    private static PgException postgres(String sqlState) {
        return new PgException("message", "ERROR", sqlState, null);
    }
}
