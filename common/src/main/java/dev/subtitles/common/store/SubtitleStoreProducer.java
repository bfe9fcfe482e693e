package dev.subtitles.common.store;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.DefaultBean;
import io.quarkus.arc.properties.IfBuildProperty;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The {@link SubtitleStore} bean of every service that stores or serves subtitles: on the service's reactive pool,
 * with the size limit of {@value #MAX_BYTES} ({@link SubtitleStore#DEFAULT_MAX_BYTES} unless set).
 * <p>
 * Only in a service with a PostgreSQL datasource ({@code quarkus.datasource.db-kind}, read at build time), so that
 * {@code common} asks no other service for a pool; a default bean, so a service's own store bean takes its place.
 */
@IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
@Singleton
public class SubtitleStoreProducer {

    /** The setting of the largest file the store takes, in bytes. */
    public static final String MAX_BYTES = "subtitles.store.max-bytes";
    /** {@link SubtitleStore#DEFAULT_MAX_BYTES}, as the setting's default. */
    static final String DEFAULT_MAX_BYTES = "2097152";

    @Produces
    @Singleton
    @DefaultBean
    SubtitleStore subtitleStore(Pool pool, @ConfigProperty(name = MAX_BYTES, defaultValue = DEFAULT_MAX_BYTES) long maxBytes) {
        return new SubtitleStore(pool, maxBytes);
    }
}
