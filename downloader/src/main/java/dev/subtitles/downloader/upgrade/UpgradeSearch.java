package dev.subtitles.downloader.upgrade;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.UpgradeRequested;
import dev.subtitles.common.store.NewSubtitleFile;
import dev.subtitles.common.store.SubtitleStore;
import dev.subtitles.common.store.SubtitleTooLargeException;
import dev.subtitles.downloader.job.CandidateFile;
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
 * One search for a better subtitle of a done job (docs/upgrades.md): asks the providers the job's search asked (its
 * preferred ones first, through the {@link SearchCache}) for the job's language only, ranks the candidates with the
 * same {@link CandidateScorer}, and takes the best one that beats the {@link Baseline}, downloads, reads and is new
 * to the job: stored as a file and recorded as the job's next version ({@link SubtitleVersions}).
 * <p>
 * A candidate whose file the job has already (its first file, or a version an earlier search recorded; the store
 * keeps one row per job and content) is passed over: a subtitle that now scores higher only because it was downloaded
 * more often is no upgrade. No fallback language and no translation: an upgrade is a subtitle found in the job's
 * language. A provider that cannot answer is skipped and named in the outcome; the next scheduled search asks it again,
 * so nothing here is retried.
 */
@ApplicationScoped
public class UpgradeSearch {

    private static final Logger LOG = Logger.getLogger(UpgradeSearch.class);

    private final ProviderRegistry providers;
    private final ProviderThrottle throttle;
    private final SearchCache searchCache;
    private final CandidateScorer scorer;
    private final CandidateFile candidateFile;
    private final SubtitleStore store;
    private final SubtitleVersions versions;

    public UpgradeSearch(ProviderRegistry providers, ProviderThrottle throttle, SearchCache searchCache,
            CandidateScorer scorer, CandidateFile candidateFile, SubtitleStore store, SubtitleVersions versions) {
        this.providers = providers;
        this.throttle = throttle;
        this.searchCache = searchCache;
        this.scorer = scorer;
        this.candidateFile = candidateFile;
        this.store = store;
        this.versions = versions;
    }

    /**
     * Searches for a subtitle better than {@code baseline}; never fails for provider trouble, which the outcome names.
     * Fails when a file cannot be stored or recorded (PostgreSQL).
     */
    public Uni<UpgradeOutcome> run(JobEvent<UpgradeRequested> request, Baseline baseline) {
        UpgradeRequested wanted = request.payload();
        SearchQuery query = SearchQuery.of(wanted.video(), wanted.hearingImpaired(), List.of(wanted.language()));
        Map<String, String> unavailable = new ConcurrentSkipListMap<>();
        return searchAll(query, providers.forJob(wanted.preferredProviders()), unavailable)
                .map(candidates -> scorer.rank(query, candidates).stream()
                        .filter(scored -> scored.candidate().language().equals(wanted.language())).toList())
                .flatMap(ranked -> firstNew(request, ranked.stream()
                        .filter(scored -> baseline.beatenBy(scored.score())).toList(), 0, unavailable)
                        .map(found -> found.orElseGet(() -> noBetter(ranked, unavailable))));
    }

    private static UpgradeOutcome noBetter(List<ScoredCandidate> ranked, Map<String, String> unavailable) {
        Double best = ranked.isEmpty() ? null : (double) ranked.get(0).score();
        List<String> failures = unavailable.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
        return new UpgradeOutcome.NoBetter(ranked.size(), best, failures);
    }

    private Uni<List<Candidate>> searchAll(SearchQuery query, List<SubtitleProvider> all,
            Map<String, String> unavailable) {
        return Multi.createFrom().iterable(all)
                .onItem().transformToUniAndConcatenate(provider -> searchOne(provider, query, unavailable))
                .collect().in(ArrayList<Candidate>::new, List::addAll)
                .map(List::copyOf);
    }

    private Uni<List<Candidate>> searchOne(SubtitleProvider provider, SearchQuery query,
            Map<String, String> unavailable) {
        Optional<ProviderThrottle.Suspension> suspended = throttle.suspension(provider.name());
        if (suspended.isPresent()) {
            unavailable.put(provider.name(), "suspended (" + suspended.get().cause() + ")");
            return Uni.createFrom().item(List.of());
        }
        return searchCache.search(provider, query)
                .onFailure(ProviderException.class).recoverWithItem(failure -> {
                    throttle.suspend(failure);
                    unavailable.put(provider.name(), failure.getMessage());
                    return List.of();
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.errorf(failure, "Provider %s failed unexpectedly", provider.name());
                    unavailable.put(provider.name(), "internal error");
                    return List.of();
                });
    }

    /** The first of {@code better}, from {@code index} on, that downloads, reads and is new to the job. */
    private Uni<Optional<UpgradeOutcome>> firstNew(JobEvent<UpgradeRequested> request, List<ScoredCandidate> better,
            int index, Map<String, String> unavailable) {
        if (index >= better.size()) {
            return Uni.createFrom().item(Optional.empty());
        }
        ScoredCandidate scored = better.get(index);
        Candidate candidate = scored.candidate();
        if (throttle.suspendedUntil(candidate.provider()).isPresent()) {
            return firstNew(request, better, index + 1, unavailable);
        }
        return providers.byName(candidate.provider()).download(candidate)
                .onFailure(ProviderException.class).recoverWithItem(failure -> {
                    throttle.suspend(failure);
                    unavailable.put(candidate.provider(), failure.getMessage());
                    return null;
                })
                .flatMap(bytes -> {
                    Optional<String> content = bytes == null ? Optional.empty()
                            : candidateFile.normalize(candidate, bytes, request.payload().format());
                    if (content.isEmpty()) {
                        return firstNew(request, better, index + 1, unavailable);
                    }
                    return newVersion(request, scored, content.get())
                            .onFailure(SubtitleTooLargeException.class).recoverWithItem(tooLarge -> {
                                LOG.infof("Rejected %s from %s: %s", candidate.reference(), candidate.provider(),
                                        tooLarge.getMessage());
                                return Optional.empty();
                            })
                            .flatMap(found -> found.isPresent() ? Uni.createFrom().item(found)
                                    : firstNew(request, better, index + 1, unavailable));
                });
    }

    /** Stores the file and records it as the job's next version; empty when the job has that file already. */
    private Uni<Optional<UpgradeOutcome>> newVersion(JobEvent<UpgradeRequested> request, ScoredCandidate scored,
            String content) {
        Candidate candidate = scored.candidate();
        NewSubtitleFile file = NewSubtitleFile.downloaded(request.jobId(), candidate.language(),
                request.payload().format(), content, candidate.provider())
                .withMetadata(Map.of("reference", candidate.reference(), "score", Integer.toString(scored.score()),
                        "matched", String.join(",", scored.matchNames())));
        return store.save(file).flatMap(stored -> {
            if (stored.id().equals(request.payload().originalFileId())) {
                return Uni.createFrom().item(Optional.<UpgradeOutcome> empty());
            }
            return versions.record(request.jobId(), stored.id(), candidate.provider(), scored.score(), request.id())
                    .map(recorded -> recorded.requestId().equals(request.id())
                            ? Optional.<UpgradeOutcome> of(new UpgradeOutcome.Upgraded(scored, stored,
                                    recorded.version()))
                            : Optional.<UpgradeOutcome> empty());
        });
    }
}
