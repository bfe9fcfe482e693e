package dev.subtitles.downloader.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.util.Map;

import dev.subtitles.common.testing.TcpProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Puts a {@link TcpProxy} between the application and PostgreSQL (the reactive pool the subtitle store uses) and
 * one between the application and Redis, so a test can take either away without stopping the shared servers.
 * Flyway keeps its direct JDBC connection, so the application starts whatever the proxies do. Inject both with
 * {@link InjectProxies}.
 */
public class InfrastructureProxies implements QuarkusTestResourceLifecycleManager {

    private Proxies proxies;

    /** The two proxies. */
    public record Proxies(TcpProxy postgres, TcpProxy redis) {

        /** Forwards to both servers again. */
        public void restoreAll() {
            postgres.restore();
            redis.restore();
        }
    }

    @Override
    public Map<String, String> start() {
        String dbHost = System.getenv().getOrDefault("DB_HOST", "localhost");
        int dbPort = Integer.parseInt(System.getenv().getOrDefault("DB_PORT", "5432"));
        String database = System.getenv().getOrDefault("TEST_DB_NAME", "subtitles_test");
        URI redis = URI.create(System.getenv().getOrDefault("REDIS_URL", "redis://localhost:6379"));
        try {
            proxies = new Proxies(new TcpProxy(dbHost, dbPort),
                    new TcpProxy(redis.getHost(), redis.getPort() < 0 ? 6379 : redis.getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the proxies", e);
        }
        return Map.of(
                "%test.quarkus.datasource.reactive.url",
                "postgresql://localhost:" + proxies.postgres().port() + "/" + database,
                "quarkus.redis.hosts", "redis://localhost:" + proxies.redis().port());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(proxies,
                new TestInjector.AnnotatedAndMatchesType(InjectProxies.class, Proxies.class));
    }

    @Override
    public void stop() {
        proxies.postgres().close();
        proxies.redis().close();
    }

    /** Marks the test field that receives the proxies. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectProxies {
    }
}
