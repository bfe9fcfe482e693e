package dev.subtitles.manager.upgrade;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.common.event.payload.VideoRef;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.manager.repository.OutboxMessage;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The rows of {@code manager.upgrade} the scheduler works on (docs/upgrades.md): claimed a batch at a time, then updated
 * together with the outbox rows of the searches requested, in the claim's transaction.
 */
@ApplicationScoped
public class DueUpgrades {

    /**
     * The due rows, earliest first, locked ({@code skip locked}: instances claiming at once take different jobs), with
     * their job's request and the latest version the downloader recorded (which may be newer than the row's).
     */
    private static final String CLAIM = """
            select u.job_id, u.finished_at, u.original_file_id, u.version, u.score, u.machine_translated, u.searches,
                v.version as stored_version, v.score as stored_score,
                j.tenant, j.video_title, j.video_year, j.imdb_id, j.tmdb_id, j.season, j.episode, j.file_hash,
                j.video_url, j.language, j.preferred_providers, j.format, j.hearing_impaired
            from manager.upgrade u join manager.job j on j.id = u.job_id
            left join lateral (select version, score from subtitles.subtitle_version s where s.job_id = u.job_id
                order by version desc limit 1) v on true
            where u.next_search_at <= $1
            order by u.next_search_at
            limit $2
            for update of u skip locked""";
    private static final String WRITE = """
            with updated as (update manager.upgrade u set version = d.version, score = d.score,
                    machine_translated = d.machine_translated, searches = d.searches,
                    last_searched_at = coalesce(d.searched_at, u.last_searched_at),
                    next_search_at = case when d.retired then 'infinity' else d.next_search_at end
                from unnest($1::uuid[], $2::int[], $3::float8[], $4::bool[], $5::int[], $6::timestamptz[],
                    $7::timestamptz[], $8::bool[])
                    as d(job_id, version, score, machine_translated, searches, searched_at, next_search_at, retired)
                where u.job_id = d.job_id returning 1)
            insert into manager.outbox (event_id, job_id, type, body, created_at)
            select * from unnest($9::uuid[], $10::uuid[], $11::text[], $12::bytea[], $13::timestamptz[])
            on conflict (event_id) do nothing""";

    /** Claims at most {@code limit} rows due at {@code now}, on the transaction of {@code connection}. */
    Uni<List<DueUpgrade>> claim(SqlConnection connection, Instant now, int limit) {
        return connection.preparedQuery(CLAIM).execute(Tuple.of(utc(now), limit)).map(rows -> {
            List<DueUpgrade> due = new ArrayList<>(rows.size());
            rows.forEach(row -> due.add(due(row)));
            return due;
        });
    }

    /** Writes what the round decided for each claimed row, and the outbox rows of its requests, in one statement. */
    Uni<Void> write(SqlConnection connection, List<Decision> decisions, List<OutboxMessage> requests) {
        int size = decisions.size();
        Object[] values = {
                column(decisions, d -> d.upgrade().jobId(), new UUID[size]),
                column(decisions, d -> d.upgrade().current().version(), new Integer[size]),
                column(decisions, d -> d.upgrade().current().score(), new Double[size]),
                column(decisions, d -> d.upgrade().current().machineTranslated(), new Boolean[size]),
                column(decisions, Decision::searches, new Integer[size]),
                column(decisions, d -> d.searchedAt() == null ? null : utc(d.searchedAt()), new OffsetDateTime[size]),
                column(decisions, d -> d.nextSearchAt() == null ? null : utc(d.nextSearchAt()),
                        new OffsetDateTime[size]),
                column(decisions, d -> d.nextSearchAt() == null, new Boolean[size]),
                column(requests, r -> r.eventId, new UUID[requests.size()]),
                column(requests, r -> r.jobId, new UUID[requests.size()]),
                column(requests, r -> r.type, new String[requests.size()]),
                column(requests, r -> Buffer.buffer(r.body), new Buffer[requests.size()]),
                column(requests, r -> utc(r.createdAt), new OffsetDateTime[requests.size()]) };
        return connection.preparedQuery(WRITE).execute(Tuple.tuple(Arrays.asList(values))).replaceWithVoid();
    }

    /**
     * What a round decided for one claimed row.
     *
     * @param searches the searches requested so far, this round's included
     * @param searchedAt when this round requested a search; {@code null} when it requested none
     * @param nextSearchAt when the next search is due; {@code null} when the job is left alone from now on
     */
    record Decision(DueUpgrade upgrade, int searches, Instant searchedAt, Instant nextSearchAt) {
    }

    private static <T, V> V[] column(List<T> items, Function<T, V> value, V[] column) {
        for (int i = 0; i < items.size(); i++) {
            column[i] = value.apply(items.get(i));
        }
        return column;
    }

    private static DueUpgrade due(Row row) {
        VideoRef video = new VideoRef(row.getString("video_title"), row.getInteger("video_year"),
                row.getString("imdb_id"), row.getInteger("tmdb_id"), row.getInteger("season"),
                row.getInteger("episode"), row.getString("file_hash"), row.getString("video_url"));
        int version = row.getInteger("version");
        Integer stored = row.getInteger("stored_version");
        DueUpgrade.Current current = stored != null && stored > version
                ? new DueUpgrade.Current(stored, row.getDouble("stored_score"), false)
                : new DueUpgrade.Current(version, row.getDouble("score"), row.getBoolean("machine_translated"));
        return new DueUpgrade(row.getUUID("job_id"), row.getString("tenant"), video, row.getString("language"),
                List.of(row.getArrayOfStrings("preferred_providers")),
                SubtitleFormat.fromName(row.getString("format")), row.getBoolean("hearing_impaired"),
                row.getUUID("original_file_id"), row.getOffsetDateTime("finished_at").toInstant(),
                row.getInteger("searches"), current);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
