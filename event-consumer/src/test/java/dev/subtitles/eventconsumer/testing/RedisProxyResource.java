package dev.subtitles.eventconsumer.testing;

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
 * Puts a {@link TcpProxy} between the application and Redis; inject it with {@link InjectRedisProxy}. The application
 * tries a batch that fails for an unexpected reason only once before returning its messages to the queue, so a
 * failure of the cut link that is not taken as transient shows as redeliveries.
 */
public class RedisProxyResource implements QuarkusTestResourceLifecycleManager {

    private TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        URI redis = URI.create(System.getenv().getOrDefault("REDIS_URL", "redis://localhost:6379"));
        try {
            proxy = new TcpProxy(redis.getHost(), redis.getPort() < 0 ? 6379 : redis.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Redis proxy", e);
        }
        return Map.of("quarkus.redis.hosts", "redis://localhost:" + proxy.port(),
                "event-consumer.retry.attempts", "1");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(proxy,
                new TestInjector.AnnotatedAndMatchesType(InjectRedisProxy.class, TcpProxy.class));
    }

    @Override
    public void stop() {
        proxy.close();
    }

    /** Marks the test field that receives the proxy. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectRedisProxy {
    }
}
