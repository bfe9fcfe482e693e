package dev.subtitles.manager.batch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import dev.subtitles.manager.limits.LimitsConfig;
import dev.subtitles.manager.limits.SubmissionRateLimiter;
import dev.subtitles.manager.rest.JobRequest;
import dev.subtitles.manager.rest.VideoRequest;
import dev.subtitles.manager.rest.problem.Problem;

/**
 * Turns a batch request into the jobs it stands for, each checked by the constraints of {@code POST /jobs}
 * ({@link JobRequest}, {@link VideoRequest}): an episode is the series' video with its season and episode number. An
 * error is named by the batch field it comes from ({@code series.title}, {@code episodes}, {@code videos[2].url},
 * {@code language}), once however many jobs share it.
 * <p>
 * The size is checked before anything is expanded: at most {@code manager.batches.max-jobs}, and never more than the
 * tenant's submission burst or its cap on jobs in flight, since a batch takes a token and a place in flight per job at
 * once: a larger one could never be admitted.
 */
@ApplicationScoped
public class BatchPlans {

    private static final String NOT_NULL = "must not be null";

    private final Validator validator;
    private final int maxJobs;

    public BatchPlans(Validator validator, BatchConfig config, SubmissionRateLimiter rateLimiter,
            LimitsConfig limits) {
        this.validator = validator;
        this.maxJobs = Math.min(config.maxJobs(), Math.min(rateLimiter.burst(), limits.jobsInFlight()));
    }

    /**
     * The batch's jobs.
     *
     * @throws InvalidBatchException listing every invalid field
     * @throws BatchTooLargeException when the request stands for more jobs than a batch may hold
     */
    public BatchPlan plan(BatchRequest request) {
        if (request == null) {
            throw new InvalidBatchException(List.of(new Problem.FieldError("body", NOT_NULL)));
        }
        Set<Problem.FieldError> errors = new LinkedHashSet<>(shapeErrors(request));
        if (!errors.isEmpty()) {
            throw new InvalidBatchException(List.copyOf(errors));
        }
        long size = episodeCount(request) + (request.videos() == null ? 0 : request.videos().size());
        if (size > maxJobs) {
            throw new BatchTooLargeException((int) Math.min(size, Integer.MAX_VALUE), maxJobs);
        }
        List<JobRequest> jobs = new ArrayList<>();
        List<String> videoFields = new ArrayList<>();
        if (request.series() != null) {
            BatchRequest.SeriesRequest series = request.series();
            for (int episode = request.episodes().from(); episode <= request.episodes().to(); episode++) {
                jobs.add(job(request, new VideoRequest(series.title(), series.year(), series.imdbId(), series.tmdbId(),
                        request.season(), episode, null, null)));
                videoFields.add(null);
            }
        }
        if (request.videos() != null) {
            for (int index = 0; index < request.videos().size(); index++) {
                jobs.add(job(request, request.videos().get(index)));
                videoFields.add("videos[" + index + "].");
            }
        }
        for (ConstraintViolation<JobRequest> violation : validator.validate(jobs.get(0))) {
            String field = field(violation.getPropertyPath());
            if (!field.startsWith("video.")) {
                errors.add(new Problem.FieldError(field, violation.getMessage()));
            }
        }
        for (int index = 0; index < jobs.size(); index++) {
            for (ConstraintViolation<VideoRequest> violation : validator.validate(jobs.get(index).video())) {
                String field = field(violation.getPropertyPath());
                String prefix = videoFields.get(index);
                errors.add(new Problem.FieldError(prefix != null ? prefix + field : episodeField(field),
                        violation.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidBatchException(List.copyOf(errors));
        }
        return new BatchPlan(request.series(), request.season(),
                jobs.stream().map(JobRequest::toDownloadRequested).toList());
    }

    /** What the request must look like before its jobs can be checked: some video, and whole episode ranges. */
    private static List<Problem.FieldError> shapeErrors(BatchRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        boolean episodesAsked = request.season() != null || request.episodes() != null;
        if (request.series() == null && request.videos() == null) {
            errors.add(new Problem.FieldError("body", "names no video: give series, season and episodes, or videos"));
        }
        if (request.series() == null && episodesAsked) {
            errors.add(new Problem.FieldError("series", "must not be null with season or episodes"));
        }
        if (request.series() != null) {
            if (request.season() == null) {
                errors.add(new Problem.FieldError("season", NOT_NULL));
            }
            if (request.episodes() == null) {
                errors.add(new Problem.FieldError("episodes", NOT_NULL));
            } else {
                BatchRequest.EpisodeRange range = request.episodes();
                if (range.from() == null) {
                    errors.add(new Problem.FieldError("episodes.from", NOT_NULL));
                }
                if (range.to() == null) {
                    errors.add(new Problem.FieldError("episodes.to", NOT_NULL));
                }
                if (range.from() != null && range.to() != null && range.to() < range.from()) {
                    errors.add(new Problem.FieldError("episodes.to", "must not be below episodes.from"));
                }
            }
        }
        if (request.videos() != null) {
            for (int index = 0; index < request.videos().size(); index++) {
                if (request.videos().get(index) == null) {
                    errors.add(new Problem.FieldError("videos[" + index + "]", NOT_NULL));
                }
            }
        }
        return errors;
    }

    private static long episodeCount(BatchRequest request) {
        if (request.series() == null) {
            return 0;
        }
        return (long) request.episodes().to() - request.episodes().from() + 1;
    }

    private static JobRequest job(BatchRequest request, VideoRequest video) {
        return new JobRequest(video, request.language(), request.preferredProviders(), request.format(),
                request.hearingImpaired(), request.priority());
    }

    /** Where an episode's video field comes from in the request: the series, or the season and episode range. */
    private static String episodeField(String videoField) {
        return switch (videoField) {
            case "season" -> "season";
            case "episode" -> "episodes";
            default -> "series." + videoField;
        };
    }

    /** {@code language}, {@code preferredProviders[1]}, {@code video.title}: the JSON path of a job's field. */
    private static String field(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null) {
                    field.append('[').append(node.getIndex()).append(']');
                }
            } else if (node.getKind() == ElementKind.PROPERTY) {
                field.append(field.length() == 0 ? "" : ".").append(node.getName());
            }
        }
        return field.toString();
    }
}
