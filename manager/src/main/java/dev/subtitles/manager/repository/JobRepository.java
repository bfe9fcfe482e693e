package dev.subtitles.manager.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Jobs in {@code manager.job}. */
@ApplicationScoped
@WithSession
public class JobRepository implements PanacheRepositoryBase<Job, UUID> {

    /** The job {@code id} if it belongs to {@code tenant}, else {@code null}: another tenant's job is unknown. */
    public Uni<Job> findOwned(String tenant, UUID id) {
        return find("id = ?1 and tenant = ?2", id, tenant).firstResult();
    }

    /**
     * Up to {@code limit} jobs of {@code tenant}, newest first, that come after the position {@code (createdAt, id)}
     * in that order; from the newest when {@code after} is {@code null}; only those {@code filter} keeps.
     */
    public Uni<List<Job>> newestFirst(String tenant, JobPosition after, int limit, JobFilter filter) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        conditions.add("tenant = :tenant");
        parameters.put("tenant", tenant);
        if (after != null) {
            conditions.add("(createdAt < :createdAt or (createdAt = :createdAt and id < :id))");
            parameters.put("createdAt", after.createdAt());
            parameters.put("id", after.id());
        }
        if (filter.language() != null) {
            conditions.add("lower(language) = :language");
            parameters.put("language", filter.language().toLowerCase(Locale.ROOT));
        }
        if (filter.text() != null) {
            conditions.add("(lower(videoTitle) like :text escape '!' or lower(imdbId) = :imdbId)");
            parameters.put("text", "%" + likeEscaped(filter.text().toLowerCase(Locale.ROOT)) + "%");
            parameters.put("imdbId", filter.text().toLowerCase(Locale.ROOT));
        }
        return find(String.join(" and ", conditions) + " order by createdAt desc, id desc", parameters).range(0, limit - 1)
                .list();
    }

    /** Up to {@code limit} jobs of every tenant, newest first: for the operators' counts, never for a tenant. */
    public Uni<List<Job>> newestOfEveryTenant(int limit) {
        return find("order by createdAt desc, id desc").range(0, limit - 1).list();
    }

    private static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /**
     * Which jobs a listing keeps.
     *
     * @param language only jobs asking for this language (compared ignoring case), or {@code null} for any
     * @param text only jobs whose title contains this text (ignoring case) or whose IMDb id it is, or {@code null}
     */
    public record JobFilter(String language, String text) {

        public static final JobFilter NONE = new JobFilter(null, null);
    }

    /** A place in the newest-first order of jobs. */
    public record JobPosition(Instant createdAt, UUID id) {
    }
}
