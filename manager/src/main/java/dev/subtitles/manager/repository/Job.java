package dev.subtitles.manager.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.event.payload.VideoRef;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A job as it was submitted (table {@code manager.job}). Its phase and result are not here: the event-consumer
 * projects them from the job's events (docs/architecture.md).
 */
@Entity
@Table(name = "job", schema = "manager")
public class Job extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The tenant of the caller that submitted it: only that tenant's callers see it. */
    @Column(nullable = false)
    public String tenant;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "video_title", nullable = false)
    public String videoTitle;

    @Column(name = "video_year")
    public Integer videoYear;

    @Column(name = "imdb_id")
    public String imdbId;

    @Column(name = "tmdb_id")
    public Integer tmdbId;

    public Integer season;

    public Integer episode;

    @Column(name = "file_hash")
    public String fileHash;

    @Column(name = "video_url")
    public String videoUrl;

    @Column(nullable = false)
    public String language;

    @Column(name = "preferred_providers", nullable = false)
    public String[] preferredProviders;

    /** {@code srt} or {@code vtt}. */
    @Column(nullable = false)
    public String format;

    @Column(name = "hearing_impaired")
    public Boolean hearingImpaired;

    /** {@code high}, {@code normal} or {@code low}: which work queue its requests take at every stage. */
    @Column(nullable = false)
    public String priority;

    /** When a cancellation was first requested; {@code null} while nobody asked. */
    @Column(name = "cancel_requested_at")
    public Instant cancelRequestedAt;

    /** The batch it was submitted in ({@code POST /batches}); {@code null} for a job submitted on its own. */
    @Column(name = "batch_id")
    public UUID batchId;

    /**
     * A new job of {@code tenant} for {@code request}, created at {@code createdAt} (to the microsecond PostgreSQL
     * keeps) with a fresh id, in {@code batchId} or on its own ({@code null}).
     */
    public static Job submitted(String tenant, DownloadRequested request, Instant createdAt, UUID batchId) {
        VideoRef video = request.video();
        Job job = new Job();
        job.id = UUID.randomUUID();
        job.tenant = tenant;
        job.batchId = batchId;
        job.createdAt = createdAt;
        job.videoTitle = video.title();
        job.videoYear = video.year();
        job.imdbId = video.imdbId();
        job.tmdbId = video.tmdbId();
        job.season = video.season();
        job.episode = video.episode();
        job.fileHash = video.fileHash();
        job.videoUrl = video.url();
        job.language = request.language();
        job.preferredProviders = request.preferredProviders().toArray(String[]::new);
        job.format = request.format().extension();
        job.hearingImpaired = request.hearingImpaired();
        job.priority = request.priority().value();
        return job;
    }
}
