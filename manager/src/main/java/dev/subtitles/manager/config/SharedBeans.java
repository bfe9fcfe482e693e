package dev.subtitles.manager.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.format.SubtitleConverter;
import dev.subtitles.common.store.SubtitleStore;
import io.vertx.mutiny.sqlclient.Pool;

/** Beans for the plain (non-CDI) classes of {@code common}, one instance each per application. */
@ApplicationScoped
public class SharedBeans {

    @Produces
    @Singleton
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Produces
    @Singleton
    SubtitleStore subtitleStore(Pool pool,
            @ConfigProperty(name = "subtitles.store.max-bytes", defaultValue = "2097152") long maxBytes) {
        return new SubtitleStore(pool, maxBytes);
    }

    @Produces
    @Singleton
    SubtitleConverter subtitleConverter() {
        return new SubtitleConverter();
    }
}
