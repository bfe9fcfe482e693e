package dev.subtitles.eventconsumer.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgException;

class UnstorableEventsTest {

    @Test
    void reasonNamesPostgresMessageSqlStateAndDetail() {
        PgException refusal = new PgException("unsupported Unicode escape sequence", "ERROR", "22P05",
                "\\u0000 cannot be converted to text.");

        assertThat(UnstorableEvents.reasonOf(refusal)).isEqualTo("PostgreSQL refused to store the event: "
                + "unsupported Unicode escape sequence (SQLSTATE 22P05): \\u0000 cannot be converted to text.");
    }

    @Test
    void reasonKeepsNothingPostgresCouldRefuseInTurn() {
        PgException refusal = new PgException("invalid input", "ERROR", "22P02", "quoted a\u0000b and \ud800 here");

        assertThat(UnstorableEvents.reasonOf(refusal)).endsWith("quoted a?b and ? here")
                .doesNotContain("\u0000", "\ud800");
    }

    @Test
    void reasonIsCutToFiveHundredCharacters() {
        PgException refusal = new PgException("long", "ERROR", "22P02", "x".repeat(2_000));

        assertThat(UnstorableEvents.reasonOf(refusal)).hasSize(500);
    }

    @Test
    void failureIdIsTheSameForEveryUnstorableEventOfAJob() {
        UUID jobId = UUID.randomUUID();

        assertThat(UnstorableEvents.failureId(jobId)).isEqualTo(UnstorableEvents.failureId(jobId))
                .isNotEqualTo(UnstorableEvents.failureId(UUID.randomUUID()));
    }
}
