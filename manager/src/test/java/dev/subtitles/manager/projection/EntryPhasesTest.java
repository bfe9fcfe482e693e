package dev.subtitles.manager.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.common.projection.HistoryEntry;
import dev.subtitles.manager.projection.EntryPhases.FeedEntry;

class EntryPhasesTest {

    private static final UUID JOB = UUID.fromString("0b7e4b8e-56a4-4f4e-9a53-8a1e2f3c4d5e");

    private static String entry(long seq, String type) {
        return "{\"jobId\":\"" + JOB + "\",\"seq\":" + seq + ",\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type
                + "\",\"time\":\"2026-12-06T10:00:00Z\",\"source\":\"/test\",\"data\":{\"nested\":{\"type\":\"x\"}}}";
    }

    @Test
    void readsTheJobTheSequenceNumberAndThePhase() {
        String json = entry(7, "subtitle.download.started");

        FeedEntry read = EntryPhases.read(json).orElseThrow();

        assertThat(read.jobId()).isEqualTo(JOB);
        assertThat(read.entry()).isEqualTo(new HistoryEntry(7, json));
        assertThat(read.phaseAfter()).contains(JobPhase.DOWNLOAD_IN_PROGRESS);
        assertThat(read.endsJob()).isFalse();
    }

    @Test
    void anEndingEventEndsTheJob() {
        assertThat(EntryPhases.read(entry(3, "job.cancelled")).orElseThrow().endsJob()).isTrue();
        assertThat(EntryPhases.read(entry(4, "subtitle.ready")).orElseThrow().endsJob()).isTrue();
    }

    @Test
    void anEventThatSetsNoPhaseNeitherEndsNorFails() {
        FeedEntry read = EntryPhases.read(entry(2, "some.future.event")).orElseThrow();

        assertThat(read.phaseAfter()).isEmpty();
        assertThat(read.endsJob()).isFalse();
    }

    @Test
    void whatIsNotAHistoryEntryIsNotRead() {
        assertThat(EntryPhases.read("not json")).isEmpty();
        assertThat(EntryPhases.read("[1,2]")).isEmpty();
        assertThat(EntryPhases.read("{\"seq\":1,\"type\":\"job.cancelled\"}")).isEmpty();
        assertThat(EntryPhases.read("{\"jobId\":\"not-a-uuid\",\"seq\":1,\"type\":\"job.cancelled\"}")).isEmpty();
        assertThat(EntryPhases.read("{\"jobId\":\"" + JOB + "\",\"type\":\"job.cancelled\"}")).isEmpty();
    }
}
