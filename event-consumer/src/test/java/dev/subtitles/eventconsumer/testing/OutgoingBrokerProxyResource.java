package dev.subtitles.eventconsumer.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import dev.subtitles.common.testing.TcpProxy;

/**
 * Puts a {@link TcpProxy} between RabbitMQ and the application's publishing connection (dead-letter copies and the
 * events it publishes); the projection queue's consumer stays connected directly.
 * Inject it with {@link InjectOutgoingBrokerProxy}. Publisher confirms are awaited for 2 s, so a test sees an
 * unconfirmed publish given up quickly.
 */
public class OutgoingBrokerProxyResource extends BrokerProxyResource {

    public OutgoingBrokerProxyResource() {
        super(InjectOutgoingBrokerProxy.class);
    }

    @Override
    Map<String, String> settings(String proxyPort) {
        return Map.of(
                "event-consumer.publisher.host", "localhost",
                "event-consumer.publisher.port", proxyPort,
                "event-consumer.timeout.broker", "2s");
    }

    /** Marks the test field that receives the proxy. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectOutgoingBrokerProxy {
    }
}
