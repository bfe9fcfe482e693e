package dev.subtitles.downloader.job;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.event.payload.ErrorCode;
import dev.subtitles.common.event.payload.VideoRef;
import dev.subtitles.common.store.NewSubtitleFile;
import dev.subtitles.common.store.StoredSubtitleFile;
import dev.subtitles.common.store.SubtitleStore;
import dev.subtitles.common.store.SubtitleTooLargeException;
import dev.subtitles.downloader.config.DownloaderConfig;
import dev.subtitles.downloader.provider.Candidate;
import dev.subtitles.downloader.provider.ProviderException;
import dev.subtitles.downloader.provider.ProviderRegistry;
import dev.subtitles.downloader.provider.ProviderThrottle;
import dev.subtitles.downloader.provider.SearchQuery;
import dev.subtitles.downloader.provider.SubtitleProvider;
import dev.subtitles.downloader.scoring.CandidateScorer;
import dev.subtitles.downloader.scoring.ScoredCandidate;
import dev.subtitles.downloader.search.SearchCache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * One attempt at finding a subtitle: asks every usable provider (preferred first) for the target and fallback
 * languages (through the {@link SearchCache}, which answers a repeated search of a cached provider), ranks the
 * candidates, and stores the best one that downloads and parses, in the target language if
 * any, else in a fallback language for translation. Suspended or failing providers are skipped, and remembered: if
 * the target language was not found while some provider could not answer, the attempt is worth repeating.
 * <p>
 * Before every provider call but the first and before every download, {@link JobEndCheck} looks whether the job
 * was cancelled or timed out meanwhile, so that it stops at its next step. The first provider call goes without a
 * look, which would repeat one taken a moment before: an attempt is searched right after its claim
 * ({@code AttemptClaims.claim}), whose script read the job's phase and outcome and claimed nothing for a job that was
 * over, and only {@code download.started} was published since. A cancellation in that moment stops the attempt at
 * its next look, and a result is checked against the decided outcome before it is published in any case.
 */
@ApplicationScoped
public class SubtitleSearch {

    /** The code of a job that failed because nothing usable exists. */
    public static final String NOT_FOUND = ErrorCode.SUBTITLE_NOT_FOUND.name();

    private static final Logger LOG = Logger.getLogger(SubtitleSearch.class);

    private final ProviderRegistry providers;
    private final ProviderThrottle throttle;
    private final SearchCache searchCache;
    private final CandidateScorer scorer;
    private final CandidateFile candidateFile;
    private final SubtitleStore store;
    private final JobEndCheck endCheck;
    private final List<String> fallbackLanguages;
    private final Clock clock;

    public SubtitleSearch(ProviderRegistry providers, ProviderThrottle throttle, SearchCache searchCache,
            CandidateScorer scorer, CandidateFile candidateFile, SubtitleStore store, JobEndCheck endCheck,
            DownloaderConfig config, Clock clock) {
        this.providers = providers;
        this.throttle = throttle;
        this.searchCache = searchCache;
        this.scorer = scorer;
        this.candidateFile = candidateFile;
        this.store = store;
        this.endCheck = endCheck;
        this.fallbackLanguages = config.fallbackLanguages();
        this.clock = clock;
    }

    /**
     * Runs one attempt of the job, right after its claim (see the class); never fails for provider trouble, which
     * becomes an outcome (a file too large to store is passed over like an unreadable one). Fails when the file
     * cannot be stored (PostgreSQL).
     * <p>
     * Traced as part of {@code DownloadRequestHandler.handle}: a {@code @WithSpan} of its own, started inside that
     * one's, left its scope behind on the Vert.x context (498 QuarkusContextStorage lines in one PipelineIT run).
     */
    public Uni<DownloadOutcome> run(DownloadJob job) {
        DownloadRequested request = job.request();
        Set<String> languages = new LinkedHashSet<>();
        languages.add(request.language());
        fallbackLanguages.forEach(languages::add);
        SearchQuery query = SearchQuery.of(request.video(), request.hearingImpaired(), List.copyOf(languages));
        Failures failures = new Failures();
        LOG.debugf("Job %s attempt %d: searching %s in %s", job.jobId(), job.attempt(), request.video().title(),
                languages);
        return searchAll(job.jobId(), query, providers.forJob(request.preferredProviders()), failures)
                .map(candidates -> scorer.rank(query, candidates))
                .flatMap(ranked -> decide(job, ranked, failures))
                .onFailure(JobCancelled.class).recoverWithItem(new DownloadOutcome.Cancelled());
    }

    private Uni<DownloadOutcome> decide(DownloadJob job, List<ScoredCandidate> ranked, Failures failures) {
        String target = job.request().language();
        List<ScoredCandidate> inTarget = ranked.stream().filter(c -> c.candidate().language().equals(target)).toList();
        List<ScoredCandidate> inFallback = ranked.stream()
                .filter(c -> !c.candidate().language().equals(target)).toList();
        return firstUsable(job, inTarget, failures).flatMap(found -> {
            if (found.isPresent()) {
                return Uni.createFrom().item((DownloadOutcome) new DownloadOutcome.Found(found.get().candidate(),
                        found.get().file()));
            }
            if (!failures.isEmpty() && !job.lastAttempt()) {
                return Uni.createFrom().item(failures.toOutcome(clock.instant()));
            }
            return firstUsable(job, inFallback, failures).map(fallback -> fallback
                    .<DownloadOutcome> map(f -> new DownloadOutcome.NeedsTranslation(f.candidate(), f.file()))
                    .orElseGet(() -> nothing(job, ranked, failures)));
        });
    }

    private DownloadOutcome nothing(DownloadJob job, List<ScoredCandidate> ranked, Failures failures) {
        if (!failures.isEmpty()) {
            return failures.toOutcome(clock.instant());
        }
        VideoRef video = job.request().video();
        String what = ranked.isEmpty() ? "No subtitle" : "No readable subtitle";
        return new DownloadOutcome.NotFound(NOT_FOUND, what + " for \"" + video.title() + "\""
                + (video.year() == null ? "" : " (" + video.year() + ")") + " in '" + job.request().language()
                + "' or a fallback language " + fallbackLanguages + " at any provider. Check the title, year or IMDb"
                + " id, or ask for another language.");
    }

    private Uni<List<Candidate>> searchAll(UUID jobId, SearchQuery query, List<SubtitleProvider> all,
            Failures failures) {
        return Multi.createFrom().range(0, all.size())
                .onItem().transformToUniAndConcatenate(i -> searchOne(jobId, all.get(i), i == 0, query, failures))
                .collect().in(ArrayList<Candidate>::new, List::addAll)
                .map(List::copyOf);
    }

    /** Asks one provider; the {@code first} of the attempt without {@link #stopIfCancelled} (see the class). */
    private Uni<List<Candidate>> searchOne(UUID jobId, SubtitleProvider provider, boolean first, SearchQuery query,
            Failures failures) {
        Optional<ProviderThrottle.Suspension> suspended = throttle.suspension(provider.name());
        if (suspended.isPresent()) {
            if (suspended.get().retryable()) {
                failures.add(provider.name(), "suspended (" + suspended.get().cause() + ")", suspended.get().until());
            }
            return Uni.createFrom().item(List.of());
        }
        Uni<Void> look = first ? Uni.createFrom().voidItem() : stopIfCancelled(jobId);
        return look.chain(() -> searchCache.search(provider, query))
                .onFailure(ProviderException.class).recoverWithItem(failure -> {
                    failures.record(failure, throttle.suspend(failure));
                    return List.of();
                })
                .onFailure(f -> !(f instanceof JobCancelled)).recoverWithItem(e -> {
                    LOG.errorf(e, "Provider %s failed unexpectedly", provider.name());
                    failures.add(provider.name(), "internal error", clock.instant());
                    return List.of();
                });
    }

    private Uni<Optional<Stored>> firstUsable(DownloadJob job, List<ScoredCandidate> ranked, Failures failures) {
        return tryFrom(job, ranked, 0, failures);
    }

    private Uni<Optional<Stored>> tryFrom(DownloadJob job, List<ScoredCandidate> ranked, int index,
            Failures failures) {
        if (index >= ranked.size()) {
            return Uni.createFrom().item(Optional.empty());
        }
        ScoredCandidate scored = ranked.get(index);
        String providerName = scored.candidate().provider();
        if (throttle.suspendedUntil(providerName).isPresent()) {
            return tryFrom(job, ranked, index + 1, failures);
        }
        return stopIfCancelled(job.jobId())
                .chain(() -> download(scored.candidate()))
                .onFailure(ProviderException.class).recoverWithItem(failure -> {
                    failures.record(failure, throttle.suspend(failure));
                    return null;
                })
                .flatMap(bytes -> {
                    Optional<String> content = bytes == null ? Optional.empty()
                            : candidateFile.normalize(scored.candidate(), bytes, job.request().format());
                    if (content.isEmpty()) {
                        return tryFrom(job, ranked, index + 1, failures);
                    }
                    return store(job, scored, content.get()).map(file -> Optional.of(new Stored(scored, file)))
                            .onFailure(SubtitleTooLargeException.class).recoverWithUni(tooLarge -> {
                                LOG.infof("Rejected %s from %s: %s", scored.candidate().reference(), providerName,
                                        tooLarge.getMessage());
                                return tryFrom(job, ranked, index + 1, failures);
                            });
                });
    }

    private Uni<byte[]> download(Candidate candidate) {
        return providers.byName(candidate.provider()).download(candidate);
    }

    private Uni<StoredSubtitleFile> store(DownloadJob job, ScoredCandidate scored, String content) {
        Candidate candidate = scored.candidate();
        NewSubtitleFile file = NewSubtitleFile.downloaded(job.jobId(), candidate.language(), job.request().format(),
                content, candidate.provider())
                .withMetadata(Map.of("reference", candidate.reference(), "score", Integer.toString(scored.score()),
                        "matched", String.join(",", scored.matchNames())));
        return store.save(file);
    }

    /** Unwinds the attempt with {@link JobCancelled} when the job was cancelled or timed out (one round trip). */
    private Uni<Void> stopIfCancelled(UUID jobId) {
        return endCheck.cancelledOrTimedOut(jobId)
                .invoke(over -> {
                    if (over) {
                        throw new JobCancelled();
                    }
                }).replaceWithVoid();
    }

    private record Stored(ScoredCandidate candidate, StoredSubtitleFile file) {
    }

    /** Thrown inside the pipeline to unwind it when the job was cancelled or timed out; never escapes {@link #run}. */
    private static final class JobCancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JobCancelled() {
            super("job cancelled", null, false, false);
        }
    }

    /** Providers that could not answer in this attempt, and when the first of them is usable again. */
    private static final class Failures {
        private final Map<String, String> errors = new ConcurrentHashMap<>();
        private volatile Instant earliestResume;

        /** A failure that waiting may cure counts; a rejection (bad credentials, bad request) does not. */
        void record(ProviderException failure, Instant resumesAt) {
            if (failure.kind() != ProviderException.Kind.REJECTED) {
                add(failure.provider(), failure.getMessage(), resumesAt);
            }
        }

        synchronized void add(String provider, String error, Instant resumesAt) {
            errors.put(provider, error);
            if (earliestResume == null || resumesAt.isBefore(earliestResume)) {
                earliestResume = resumesAt;
            }
        }

        boolean isEmpty() {
            return errors.isEmpty();
        }

        DownloadOutcome toOutcome(Instant now) {
            String error = errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).sorted()
                    .reduce((a, b) -> a + "; " + b).orElse("providers unavailable");
            Instant notBefore = earliestResume == null || earliestResume.isBefore(now) ? now : earliestResume;
            return new DownloadOutcome.Unavailable(error, notBefore);
        }
    }
}
