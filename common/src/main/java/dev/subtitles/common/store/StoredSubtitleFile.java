package dev.subtitles.common.store;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.subtitles.common.format.SubtitleFormat;

/**
 * A subtitle file as the store holds it: what was saved plus the id, the content's fingerprint and the time it
 * was first stored. The fields mean what they mean in {@link NewSubtitleFile}.
 *
 * @param sha256 lower-case hex SHA-256 of {@code content} encoded as UTF-8
 * @param sizeBytes length of {@code content} encoded as UTF-8 (what the size limit is measured in)
 */
public record StoredSubtitleFile(UUID id, UUID jobId, String language, SubtitleFormat format, String content,
        String sha256, int sizeBytes, String origin, String engine, String model, UUID sourceFileId,
        Map<String, String> metadata, Instant createdAt) {

    public StoredSubtitleFile {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
