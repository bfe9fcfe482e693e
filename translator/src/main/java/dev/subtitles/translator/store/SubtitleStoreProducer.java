package dev.subtitles.translator.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.subtitles.common.store.SubtitleStore;
import io.vertx.mutiny.sqlclient.Pool;

/** The {@link SubtitleStore} of {@code common} (a plain class) as a bean, on the service's reactive pool. */
@ApplicationScoped
public class SubtitleStoreProducer {

    @Produces
    @Singleton
    SubtitleStore subtitleStore(Pool pool,
            @ConfigProperty(name = "subtitles.store.max-bytes", defaultValue = "2097152") long maxBytes) {
        return new SubtitleStore(pool, maxBytes);
    }
}
