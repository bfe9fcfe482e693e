package dev.subtitles.eventconsumer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import dev.subtitles.common.testing.TcpProxy;
import dev.subtitles.eventconsumer.messaging.Channels;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Puts a {@link TcpProxy} between RabbitMQ and the consumer of the projection queue, which has a connection of its own
 * (the outgoing channels stay connected directly). Inject it with {@link InjectIncomingBrokerProxy}.
 */
public class IncomingBrokerProxyResource implements QuarkusTestResourceLifecycleManager {

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
                "mp.messaging.incoming." + Channels.PROJECTION + ".host", "localhost",
                "mp.messaging.incoming." + Channels.PROJECTION + ".port", proxyPort);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(proxy,
                new TestInjector.AnnotatedAndMatchesType(InjectIncomingBrokerProxy.class, TcpProxy.class));
    }

    @Override
    public void stop() {
        proxy.close();
    }

    /** Marks the test field that receives the proxy. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectIncomingBrokerProxy {
    }
}
