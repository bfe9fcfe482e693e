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
 * Puts a {@link TcpProxy} between RabbitMQ and the application's publishing connection (dead-letter copies and the
 * events it publishes); the projection queue's consumer stays connected directly.
 * Inject it with {@link InjectOutgoingBrokerProxy}. Publisher confirms are awaited for 2 s, so a test sees an
 * unconfirmed publish given up quickly.
 */
public class OutgoingBrokerProxyResource implements QuarkusTestResourceLifecycleManager {

    private TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        String host = System.getenv().getOrDefault("RABBITMQ_HOST", "localhost");
        int port = Integer.parseInt(System.getenv().getOrDefault("RABBITMQ_PORT", "5672"));
        try {
            proxy = new TcpProxy(host, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the RabbitMQ proxy", e);
        }
        String proxyPort = Integer.toString(proxy.port());
        return Map.of(
                "event-consumer.publisher.host", "localhost",
                "event-consumer.publisher.port", proxyPort,
                "event-consumer.timeout.broker", "2s");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(proxy,
                new TestInjector.AnnotatedAndMatchesType(InjectOutgoingBrokerProxy.class, TcpProxy.class));
    }

    @Override
    public void stop() {
        proxy.close();
    }

    /** Marks the test field that receives the proxy. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectOutgoingBrokerProxy {
    }
}
