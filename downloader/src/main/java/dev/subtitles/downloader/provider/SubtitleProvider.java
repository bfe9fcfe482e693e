package dev.subtitles.downloader.provider;

import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * A source of subtitles. Implementations are CDI beans; {@link ProviderRegistry} enables and orders them by
 * configuration.
 * <p>
 * Failures a caller can act on are reported as {@link ProviderException}: its {@link ProviderException.Kind} tells
 * whether to retry later, suspend the provider, or give up on it.
 */
public interface SubtitleProvider {

    /** The name used in configuration, in job requests and in events ({@code library}, {@code opensubtitles}). */
    String name();

    /**
     * Whether the provider has what it needs to work (credentials, a folder). An enabled provider that is not
     * configured is left out with a warning, rather than failing every job.
     */
    default boolean configured() {
        return true;
    }

    /** Finds subtitles for the query's video in any of its languages; an empty list when there are none. */
    Uni<List<Candidate>> search(SearchQuery query);

    /** Fetches the file of a candidate this provider returned. */
    Uni<byte[]> download(Candidate candidate);
}
