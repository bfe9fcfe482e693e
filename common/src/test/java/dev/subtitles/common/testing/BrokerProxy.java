package dev.subtitles.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Puts a {@link TcpProxy} between the application (its consumers and its publisher) and RabbitMQ, so that a test can
 * cut the application's link to the broker without touching the shared broker or anyone else's connections. The
 * test's own broker client connects directly. Inject the proxy with {@link Inject}.
 */
public class BrokerProxy implements QuarkusTestResourceLifecycleManager {

    /** Marks the field that receives the proxy. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    private TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        try {
            proxy = new TcpProxy("localhost", 5672);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the broker proxy", e);
        }
        return Map.of("rabbitmq-port", Integer.toString(proxy.port()));
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
