package dev.subtitles.manager.batch;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.manager.projection.JobState;

/**
 * A batch as the API shows it: what was asked, each job with its phase, how many jobs are in each phase, and whether
 * all of them ended.
 *
 * @param size the jobs it was submitted with
 * @param counts every phase with the number of the batch's jobs in it (0 included)
 * @param ended how many of its jobs ended ({@code DONE}, {@code FAILED} or {@code CANCELLED})
 * @param complete whether every job ended
 * @param jobs its jobs in batch order: the episodes, then the listed videos
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchView(UUID id, Instant createdAt, BatchRequest.SeriesRequest series, Integer season,
        String language, String format, int size, Map<JobPhase, Integer> counts, int ended, boolean complete,
        List<Job> jobs, Links links) {

    /** One job of the batch; {@code links.self} is the job's own route, where all of it is. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Job(UUID id, String title, Integer season, Integer episode, JobPhase phase, JobLinks links) {
    }

    /** A job's routes, as {@code GET /jobs/{id}} links them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JobLinks(String self, String events, String subtitle) {
    }

    /** Where to go from here. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Links(String self, String events, String subtitles) {
    }

    static BatchView of(Batch batch, Map<UUID, JobState> states) {
        Map<JobPhase, Integer> counts = new EnumMap<>(JobPhase.class);
        for (JobPhase phase : JobPhase.values()) {
            counts.put(phase, 0);
        }
        List<Job> jobs = batch.members().stream().map(member -> {
            JobPhase phase = states.get(member.id()).phase();
            counts.merge(phase, 1, Integer::sum);
            String self = "/jobs/" + member.id();
            return new Job(member.id(), member.title(), member.season(), member.episode(), phase,
                    new JobLinks(self, self + "/events", phase == JobPhase.DONE ? self + "/subtitle" : null));
        }).toList();
        int ended = (int) jobs.stream().filter(job -> job.phase().isTerminal()).count();
        return new BatchView(batch.id(), batch.createdAt(), batch.series(), batch.season(), batch.language(),
                batch.format(), batch.size(), counts, ended, ended == jobs.size(), jobs, links(batch.id()));
    }

    static Links links(UUID id) {
        String self = "/batches/" + id;
        return new Links(self, self + "/events/stream", self + "/subtitles.zip");
    }
}
