package dev.subtitles.manager.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.manager.config.ManagerConfig;
import dev.subtitles.manager.projection.JobState;
import dev.subtitles.manager.repository.Job;
import dev.subtitles.manager.repository.JobRepository;
import dev.subtitles.manager.repository.JobRepository.JobFilter;
import dev.subtitles.manager.repository.JobRepository.JobPosition;
import dev.subtitles.manager.validation.LanguageTags;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;

/**
 * Finds and lists jobs with their current state.
 * <p>
 * <b>Filtering by phase.</b> The manager never stores phases (the event-consumer does, docs/architecture.md), so
 * {@code GET /jobs?phase=} walks the jobs newest first and keeps those whose projected phase matches, looking at
 * most {@code manager.jobs.phase-filter-scan-limit} jobs per request. When matches are rare a page can come back
 * shorter than asked for (even empty) with a cursor to continue from; only a missing cursor means the end. Language
 * and text are stored with the job, so the database filters on them.
 */
@ApplicationScoped
public class JobQueryService {

    private static final Logger LOG = Logger.getLogger(JobQueryService.class);
    private static final int MIN_SCAN_BATCH = 50;
    private static final int MAX_TEXT_LENGTH = 200;

    private final JobRepository jobs;
    private final OwnedJobs owned;
    private final JobStateService states;
    private final ManagerConfig.Jobs config;
    private final Outages outages;

    public JobQueryService(JobRepository jobs, OwnedJobs owned, JobStateService states, ManagerConfig config,
            Outages outages) {
        this.jobs = jobs;
        this.owned = owned;
        this.states = states;
        this.config = config.jobs();
        this.outages = outages;
    }

    /**
     * The job of {@code tenant} with its current state; fails with {@link JobNotFoundException} for an unknown or
     * malformed id, or another tenant's job.
     */
    @WithSpan("JobQueryService.find")
    public Uni<JobView> find(String tenant, String id) {
        LOG.debugf("looking up job %s of tenant %s", id, tenant);
        return outages.guard(owned.require(tenant, id)
                .flatMap(job -> states.shownStateOf(job.id).map(state -> JobView.of(job, state))));
    }

    /**
     * A page of {@code tenant}'s jobs, newest first.
     *
     * @param phase only jobs in this phase, or {@code null} for all
     * @param language only jobs asking for this language, or {@code null} for all
     * @param text only jobs whose title contains this text or whose IMDb id it is, or {@code null} for all
     * @param limit page size, or {@code null} for the default
     * @param cursor the {@code nextCursor} of the previous page, or {@code null} for the first page
     */
    @WithSpan("JobQueryService.list")
    public Uni<JobPage> list(String tenant, String phase, String language, String text, String limit,
            String cursor) {
        JobPhase wanted = parsePhase(phase);
        JobFilter filter = new JobFilter(parseLanguage(language), parseText(text));
        int size = pageSize(limit);
        JobPosition position = decodeCursor(cursor);
        LOG.debugf("listing %d job(s) of tenant %s in phase %s, %s, after %s", size, tenant, wanted, filter, position);
        if (wanted == null) {
            return outages.guard(jobs.newestFirst(tenant, position, size + 1, filter).flatMap(found -> {
                List<Job> page = found.size() > size ? found.subList(0, size) : found;
                String next = found.size() > size ? encodeCursor(page.get(page.size() - 1)) : null;
                return views(page).map(views -> new JobPage(views, next));
            }));
        }
        return outages.guard(scan(tenant, wanted, filter, size, position, new ArrayList<>(), 0));
    }

    private Uni<JobPage> scan(String tenant, JobPhase wanted, JobFilter filter, int size, JobPosition position,
            List<JobView> matches, int examined) {
        int batchSize = Math.min(Math.max(size * 2, MIN_SCAN_BATCH), config.phaseFilterScanLimit() - examined);
        return jobs.newestFirst(tenant, position, batchSize, filter).flatMap(batch -> views(batch).flatMap(views -> {
            for (JobView view : views) {
                if (view.phase() == wanted) {
                    matches.add(view);
                    if (matches.size() == size) {
                        return Uni.createFrom().item(new JobPage(matches, encodeCursor(view)));
                    }
                }
            }
            if (batch.size() < batchSize) {
                return Uni.createFrom().item(new JobPage(matches, null));
            }
            Job last = batch.get(batch.size() - 1);
            int examinedNow = examined + batch.size();
            if (examinedNow >= config.phaseFilterScanLimit()) {
                return Uni.createFrom().item(new JobPage(matches, encodeCursor(last)));
            }
            return scan(tenant, wanted, filter, size, new JobPosition(last.createdAt, last.id), matches, examinedNow);
        }));
    }

    private Uni<List<JobView>> views(List<Job> page) {
        return states.shownStatesOf(page.stream().map(job -> job.id).toList()).map(found -> toViews(page, found));
    }

    private static List<JobView> toViews(List<Job> page, Map<UUID, JobState> found) {
        return page.stream().map(job -> JobView.of(job, found.get(job.id))).toList();
    }

    private JobPhase parsePhase(String phase) {
        if (phase == null || phase.isBlank()) {
            return null;
        }
        try {
            return JobPhase.valueOf(phase.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("phase", "must be one of " + List.of(JobPhase.values()));
        }
    }

    private static String parseLanguage(String language) {
        if (language == null || language.isBlank()) {
            return null;
        }
        return LanguageTags.canonical(language.strip()).orElseThrow(
                () -> new InvalidQueryException("language", "must be a language code such as es or pt-BR"));
    }

    private static String parseText(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.strip().length() > MAX_TEXT_LENGTH) {
            throw new InvalidQueryException("text", "must be at most " + MAX_TEXT_LENGTH + " characters");
        }
        return text.strip();
    }

    private int pageSize(String limit) {
        Integer size = QueryParameters.integer("limit", limit, 1, config.maxPageSize());
        return size == null ? config.defaultPageSize() : size;
    }

    private static String encodeCursor(Job job) {
        return encode(job.createdAt, job.id);
    }

    private static String encodeCursor(JobView view) {
        return encode(view.createdAt(), view.id());
    }

    private static String encode(Instant createdAt, UUID id) {
        long micros = createdAt.getEpochSecond() * 1_000_000 + createdAt.getNano() / 1000;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static JobPosition decodeCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 2);
            long micros = Long.parseLong(parts[0]);
            Instant createdAt = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
                    Math.floorMod(micros, 1_000_000) * 1000L);
            return new JobPosition(createdAt, UUID.fromString(parts[1]));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new InvalidQueryException("cursor", "is not a cursor this API returned");
        }
    }
}
