package dev.subtitles.manager.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.subtitles.common.event.payload.VideoRef;
import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.manager.projection.JobState;
import dev.subtitles.manager.repository.Job;

/**
 * A job as the API shows it: the request as accepted (canonical language, default format applied), where it stands
 * according to the projection, and links to what can be done with it.
 *
 * @param updatedAt time of the newest projected event; absent until the first one is projected
 * @param cancelRequestedAt when a cancellation was first requested through this API
 * @param result the produced file, once {@code DONE}
 * @param error why it failed, once {@code FAILED}
 * @param batchId the batch it was submitted in; absent for a job submitted on its own
 * @param priority {@code high}, {@code normal} or {@code low}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(UUID id, JobPhase phase, VideoRef video, String language, List<String> preferredProviders,
        String format, Boolean hearingImpaired, String priority, Instant createdAt, Instant updatedAt,
        Instant cancelRequestedAt,
        JobState.Result result, JobState.Error error, UUID batchId, Links links) {

    /** Where to go from here. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Links(String self, String events, String subtitle) {
    }

    static JobView of(Job job, JobState state) {
        String self = "/jobs/" + job.id;
        Links links = new Links(self, self + "/events", state.phase() == JobPhase.DONE ? self + "/subtitle" : null);
        VideoRef video = new VideoRef(job.videoTitle, job.videoYear, job.imdbId, job.tmdbId, job.season, job.episode,
                job.fileHash, job.videoUrl);
        return new JobView(job.id, state.phase(), video, job.language, List.of(job.preferredProviders), job.format,
                job.hearingImpaired, job.priority, job.createdAt, state.updatedAt(), job.cancelRequestedAt, state.result(),
                state.error(), job.batchId, links);
    }
}
