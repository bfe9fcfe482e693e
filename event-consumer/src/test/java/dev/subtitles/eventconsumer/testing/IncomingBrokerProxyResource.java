package dev.subtitles.eventconsumer.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import dev.subtitles.common.testing.TcpProxy;
import dev.subtitles.eventconsumer.messaging.Channels;

/**
 * Puts a {@link TcpProxy} between RabbitMQ and the consumer of the projection queue, which has a connection of its own
 * (the outgoing channels stay connected directly). Inject it with {@link InjectIncomingBrokerProxy}.
 */
public class IncomingBrokerProxyResource extends BrokerProxyResource {

    public IncomingBrokerProxyResource() {
        super(InjectIncomingBrokerProxy.class);
    }

    @Override
    Map<String, String> settings(String proxyPort) {
        return Map.of(
                "mp.messaging.incoming." + Channels.PROJECTION + ".host", "localhost",
                "mp.messaging.incoming." + Channels.PROJECTION + ".port", proxyPort);
    }

    /** Marks the test field that receives the proxy. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectIncomingBrokerProxy {
    }
}
