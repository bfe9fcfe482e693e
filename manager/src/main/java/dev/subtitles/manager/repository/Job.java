package dev.subtitles.manager.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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

    /** When a cancellation was first requested; {@code null} while nobody asked. */
    @Column(name = "cancel_requested_at")
    public Instant cancelRequestedAt;

    /** The batch it was submitted in ({@code POST /batches}); {@code null} for a job submitted on its own. */
    @Column(name = "batch_id")
    public UUID batchId;
}
