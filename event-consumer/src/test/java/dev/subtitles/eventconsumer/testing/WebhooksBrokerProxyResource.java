package dev.subtitles.eventconsumer.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import dev.subtitles.common.testing.TcpProxy;
import dev.subtitles.eventconsumer.webhooks.WebhookListener;

/**
 * Puts a {@link TcpProxy} between RabbitMQ and the consumer of the webhooks queue, which has a connection of its own
 * (the projection's stays connected directly). Inject it with {@link InjectWebhooksBrokerProxy}.
 */
public class WebhooksBrokerProxyResource extends BrokerProxyResource {

    public WebhooksBrokerProxyResource() {
        super(InjectWebhooksBrokerProxy.class);
    }

    @Override
    Map<String, String> settings(String proxyPort) {
        return Map.of(
                "mp.messaging.incoming." + WebhookListener.CHANNEL + ".host", "localhost",
                "mp.messaging.incoming." + WebhookListener.CHANNEL + ".port", proxyPort);
    }

    /** Marks the test field that receives the proxy. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectWebhooksBrokerProxy {
    }
}
