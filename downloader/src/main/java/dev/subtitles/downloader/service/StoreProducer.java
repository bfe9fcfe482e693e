package dev.subtitles.downloader.service;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.subtitles.common.store.SubtitleStore;
import io.vertx.mutiny.sqlclient.Pool;

/** {@link SubtitleStore} is a plain class in {@code common}; this makes it a bean over the reactive pool. */
public class StoreProducer {

    @Produces
    @Singleton
    SubtitleStore subtitleStore(Pool pool) {
        return new SubtitleStore(pool, SubtitleStore.DEFAULT_MAX_BYTES);
    }
}
