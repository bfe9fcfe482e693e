package dev.subtitles.common.store;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.subtitles.common.format.SubtitleFormat;

/**
 * A subtitle file to store. Build one with {@link #downloaded} or {@link #machineTranslated} so the origin fields
 * are filled consistently.
 *
 * @param jobId the job the file belongs to; {@code null} for a file outside any job
 * @param language the file's language as the pipeline names it (e.g. {@code en}, {@code pt-BR})
 * @param format the file's format; {@code content} must already be in it
 * @param content the whole file as text (already decoded to Unicode by whoever fetched it)
 * @param origin where it came from: the provider name, or {@link #MACHINE_TRANSLATED}
 * @param engine translation engine, only for machine translations
 * @param model translation model, only for machine translations (may be {@code null} when the engine has none)
 * @param sourceFileId the stored file it was translated from, only for machine translations
 * @param metadata optional extra facts worth keeping (e.g. the provider's release name); never {@code null}
 */
public record NewSubtitleFile(UUID jobId, String language, SubtitleFormat format, String content, String origin,
        String engine, String model, UUID sourceFileId, Map<String, String> metadata) {

    /** The {@link #origin} of a file produced by the translator. */
    public static final String MACHINE_TRANSLATED = "machine-translated";

    public NewSubtitleFile {
        requireText(language, "language");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(content, "content");
        requireText(origin, "origin");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** A file found by a subtitle provider, stored as the provider delivered it (after decoding). */
    public static NewSubtitleFile downloaded(UUID jobId, String language, SubtitleFormat format, String content,
            String provider) {
        return new NewSubtitleFile(jobId, language, format, content, provider, null, null, null, Map.of());
    }

    /** A file the translator produced from the stored file {@code sourceFileId}. */
    public static NewSubtitleFile machineTranslated(UUID jobId, String language, SubtitleFormat format,
            String content, String engine, String model, UUID sourceFileId) {
        requireText(engine, "engine");
        Objects.requireNonNull(sourceFileId, "sourceFileId");
        return new NewSubtitleFile(jobId, language, format, content, MACHINE_TRANSLATED, engine, model,
                sourceFileId, Map.of());
    }

    /** The same file with {@code metadata} as its extra facts. */
    public NewSubtitleFile withMetadata(Map<String, String> metadata) {
        return new NewSubtitleFile(jobId, language, format, content, origin, engine, model, sourceFileId, metadata);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
