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
import dev.subtitles.manager.repository.SubtitleVersionRepository;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;

/**
 * The subtitle file a done job produced, and for a translated job the file it was translated from, in the format the
 * client asks for (converted when it differs). A done job's file may have later versions, better matches found after
 * it was done (docs/upgrades.md): the latest is served unless the client names another.
 */
@ApplicationScoped
public class SubtitleService {

    private static final Logger LOG = Logger.getLogger(SubtitleService.class);

    private final OwnedJobs owned;
    private final JobStateService states;
    private final SubtitleStore store;
    private final SubtitleVersionRepository versions;
    private final SubtitleConverter converter;
    private final Outages outages;

    public SubtitleService(OwnedJobs owned, JobStateService states, SubtitleStore store,
            SubtitleVersionRepository versions, SubtitleConverter converter, Outages outages) {
        this.owned = owned;
        this.states = states;
        this.store = store;
        this.versions = versions;
        this.converter = converter;
        this.outages = outages;
    }

    /**
     * The file of {@code tenant}'s job {@code id}: its latest version, or version {@code version}.
     *
     * @param format {@code srt} or {@code vtt}, or {@code null} for the format the job asked for
     * @param version a version number (1 for the job's first file), or {@code null} for the latest
     * @return fails with {@link JobNotFoundException}, {@link JobNotDoneException} while there is no file, or
     *         {@link VersionNotFoundException}
     */
    @WithSpan("SubtitleService.download")
    public Uni<SubtitleDownload> download(String tenant, String id, String format, String version) {
        SubtitleFormat requested = parseFormat(format);
        Integer number = QueryParameters.integer("version", version, 1, Integer.MAX_VALUE);
        return outages.guard(doneJob(tenant, id).flatMap(done -> versions
                .fileOf(done.job().id, done.result().fileId(), number)
                .onItem().ifNull().failWith(() -> new VersionNotFoundException(done.job().id, number))
                .flatMap(fileId -> stored(done.job(), fileId))
                .map(file -> served(done.job(), file, requested))));
    }

    /**
     * The versions of the subtitle of {@code tenant}'s job {@code id}, oldest first.
     *
     * @return fails as {@link #download} does while there is no file
     */
    @WithSpan("SubtitleService.versions")
    public Uni<VersionList> versions(String tenant, String id) {
        return outages.guard(doneJob(tenant, id).flatMap(done -> versions
                .of(done.job().id, done.result().fileId())
                .map(stored -> VersionList.of(done.job().id, stored))));
    }

    /**
     * The file a translated job's result was translated from, in its own language.
     *
     * @param format {@code srt} or {@code vtt}, or {@code null} for the format the job asked for
     * @return fails as {@link #download} does, or with {@link NoSourceSubtitleException} when the job's file was not
     *         translated
     */
    @WithSpan("SubtitleService.downloadSource")
    public Uni<SubtitleDownload> downloadSource(String tenant, String id, String format) {
        SubtitleFormat requested = parseFormat(format);
        return outages.guard(doneJob(tenant, id).flatMap(done -> stored(done.job(), done.result().fileId())
                .flatMap(translated -> {
                    if (translated.sourceFileId() == null) {
                        return Uni.createFrom().failure(new NoSourceSubtitleException(done.job().id));
                    }
                    return stored(done.job(), translated.sourceFileId())
                            .map(source -> served(done.job(), source, requested));
                })));
    }

    private Uni<DoneJob> doneJob(String tenant, String id) {
        return owned.require(tenant, id)
                .flatMap(job -> states.stateOf(job.id).flatMap(state -> {
                    if (state.phase() != JobPhase.DONE || state.result() == null) {
                        return Uni.createFrom().failure(new JobNotDoneException(job.id, state.phase()));
                    }
                    return Uni.createFrom().item(new DoneJob(job, state.result()));
                }));
    }

    private Uni<StoredSubtitleFile> stored(Job job, UUID fileId) {
        return store.findById(fileId).onItem().ifNull().failWith(() -> new IllegalStateException(
                "job " + job.id + " refers to file " + fileId + ", which is not stored"));
    }

    /** {@code format} {@code null} serves the file in the format the job asked for. */
    private SubtitleDownload served(Job job, StoredSubtitleFile file, SubtitleFormat format) {
        SubtitleFormat wanted = format != null ? format : SubtitleFormat.fromName(job.format);
        LOG.debugf("serving file %s of job %s as %s", file.id(), job.id, wanted.extension());
        return new SubtitleDownload(fileName(job, file, wanted), wanted, content(file, wanted));
    }

    private String content(StoredSubtitleFile file, SubtitleFormat format) {
        return file.format() == format ? file.content() : converter.convert(file.content(), format);
    }

    /** The format a {@code format} query parameter asks for; {@code null} when absent; 400 when neither srt nor vtt. */
    public static SubtitleFormat parseFormat(String format) {
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

    private record DoneJob(Job job, JobState.Result result) {
    }
}
