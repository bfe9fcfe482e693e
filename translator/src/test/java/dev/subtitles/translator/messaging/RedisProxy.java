package dev.subtitles.translator.messaging;

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
 * Puts a {@link TcpProxy} between the application and Redis, so that a test can take Redis away from the translator
 * without touching the shared server. Inject the proxy with {@link Inject}.
 */
public class RedisProxy implements QuarkusTestResourceLifecycleManager {

    /** Marks the field that receives the proxy. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    private TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        URI redis = URI.create(System.getenv().getOrDefault("REDIS_URL", "redis://localhost:6379"));
        try {
            proxy = new TcpProxy(redis.getHost(), redis.getPort() < 0 ? 6379 : redis.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Redis proxy", e);
        }
        return Map.of("quarkus.redis.hosts", "redis://localhost:" + proxy.port());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(proxy, new TestInjector.AnnotatedAndMatchesType(Inject.class, TcpProxy.class));
    }

    @Override
    public void stop() {
        proxy.close();
    }
}
