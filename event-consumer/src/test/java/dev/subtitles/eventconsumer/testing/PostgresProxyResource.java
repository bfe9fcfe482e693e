package dev.subtitles.eventconsumer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import dev.subtitles.common.testing.TcpProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Puts a {@link TcpProxy} between the application's reactive pool and PostgreSQL (Flyway still connects directly);
 * inject it with {@link InjectPostgresProxy}. The application tries a batch that fails for an unexpected reason only
 * once before returning its messages to the queue, so a failure of the cut link that is not taken as transient shows
 * as redeliveries.
 */
public class PostgresProxyResource implements QuarkusTestResourceLifecycleManager {

    private TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        String host = System.getenv().getOrDefault("DB_HOST", "localhost");
        int port = Integer.parseInt(System.getenv().getOrDefault("DB_PORT", "5432"));
        try {
            proxy = new TcpProxy(host, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the PostgreSQL proxy", e);
        }
        return Map.of("quarkus.datasource.reactive.url", "postgresql://localhost:" + proxy.port() + "/"
                + System.getenv().getOrDefault("TEST_DB_NAME", "subtitles_test"),
                "event-consumer.retry.attempts", "1");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(proxy,
                new TestInjector.AnnotatedAndMatchesType(InjectPostgresProxy.class, TcpProxy.class));
    }

    @Override
    public void stop() {
        proxy.close();
    }

    /** Marks the test field that receives the proxy. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectPostgresProxy {
    }
}
