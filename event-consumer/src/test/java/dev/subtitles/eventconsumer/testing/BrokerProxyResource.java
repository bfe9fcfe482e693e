package dev.subtitles.eventconsumer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.util.Map;

import dev.subtitles.common.testing.TcpProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Puts a {@link TcpProxy} in front of RabbitMQ and points one of the application's connections at it; a subclass
 * says which connection (its settings) and which annotation marks the test field that receives the proxy.
 */
abstract class BrokerProxyResource implements QuarkusTestResourceLifecycleManager {

    private final Class<? extends Annotation> marker;
    private TcpProxy proxy;

    BrokerProxyResource(Class<? extends Annotation> marker) {
        this.marker = marker;
    }

    /** The settings that send the application's connection through the proxy listening on {@code proxyPort}. */
    abstract Map<String, String> settings(String proxyPort);

    @Override
    public Map<String, String> start() {
        String host = System.getenv().getOrDefault("RABBITMQ_HOST", "localhost");
        int port = Integer.parseInt(System.getenv().getOrDefault("RABBITMQ_PORT", "5672"));
        try {
            proxy = new TcpProxy(host, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the RabbitMQ proxy", e);
        }
        return settings(Integer.toString(proxy.port()));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(proxy, new TestInjector.AnnotatedAndMatchesType(marker, TcpProxy.class));
    }

    @Override
    public void stop() {
        proxy.close();
    }
}
