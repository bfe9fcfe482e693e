package dev.subtitles.manager.service;

import java.text.Normalizer;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.format.SubtitleConverter;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.common.store.StoredSubtitleFile;
import dev.subtitles.common.store.SubtitleStore;
import dev.subtitles.manager.projection.JobState;
import dev.subtitles.manager.repository.Job;
import dev.subtitles.manager.repository.JobRepository;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;

/** The subtitle file a done job produced, in the format the client asks for (converted when it differs). */
@ApplicationScoped
public class SubtitleService {

    private static final Logger LOG = Logger.getLogger(SubtitleService.class);

    private final JobRepository jobs;
    private final JobStateService states;
    private final SubtitleStore store;
    private final SubtitleConverter converter;
    private final Outages outages;

    public SubtitleService(JobRepository jobs, JobStateService states, SubtitleStore store,
            SubtitleConverter converter, Outages outages) {
        this.jobs = jobs;
        this.states = states;
        this.store = store;
        this.converter = converter;
        this.outages = outages;
    }

    /**
     * The job's file.
     *
     * @param format {@code srt} or {@code vtt}, or {@code null} for the format the job asked for
     * @return fails with {@link JobNotFoundException}, or {@link JobNotDoneException} while there is no file
     */
    @WithSpan("SubtitleService.download")
    public Uni<SubtitleDownload> download(String id, String format) {
        UUID jobId = JobIds.parse(id);
        SubtitleFormat requested = parseFormat(format);
        return outages.guard(jobs.findById(jobId)
                .onItem().ifNull().failWith(() -> new JobNotFoundException(id))
                .flatMap(job -> states.stateOf(jobId).flatMap(state -> {
                    if (state.phase() != JobPhase.DONE || state.result() == null) {
                        return Uni.createFrom().failure(new JobNotDoneException(jobId, state.phase()));
                    }
                    return load(job, state.result(),
                            requested != null ? requested : SubtitleFormat.fromName(job.format));
                })));
    }

    private Uni<SubtitleDownload> load(Job job, JobState.Result result, SubtitleFormat format) {
        return store.findById(result.fileId())
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "job " + job.id + " is done with file " + result.fileId() + ", which is not stored"))
                .map(file -> {
                    LOG.debugf("serving file %s of job %s as %s", file.id(), job.id, format.extension());
                    return new SubtitleDownload(fileName(job, file, format), format, content(file, format));
                });
    }

    private String content(StoredSubtitleFile file, SubtitleFormat format) {
        return file.format() == format ? file.content() : converter.convert(file.content(), format);
    }

    private static SubtitleFormat parseFormat(String format) {
        if (format == null || format.isBlank()) {
            return null;
        }
        try {
            return SubtitleFormat.fromName(format);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("format", "must be srt or vtt");
        }
    }

    /** {@code the-matrix.1999.en.srt}, {@code the-wire.s01e02.pt-BR.vtt}: ASCII, safe in any header. */
    private static String fileName(Job job, StoredSubtitleFile file, SubtitleFormat format) {
        String title = Normalizer.normalize(job.videoTitle, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        StringBuilder name = new StringBuilder(title.isEmpty() ? "subtitle" : title);
        if (job.season != null && job.episode != null) {
            name.append(String.format(Locale.ROOT, ".s%02de%02d", job.season, job.episode));
        } else if (job.videoYear != null) {
            name.append('.').append(job.videoYear);
        }
        String language = file.language().replaceAll("[^A-Za-z0-9-]", "");
        return name.append('.').append(language).append('.').append(format.extension()).toString();
    }
}
