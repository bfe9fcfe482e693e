package dev.subtitles.manager.hooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The webhook registration API's settings (docs/webhooks.md); the delivery's are the event-consumer's. */
@ConfigMapping(prefix = "manager.hooks")
public interface HooksConfig {

    /**
     * Whether a hook may take a plain {@code http} URL whose host is a loopback address ({@code localhost},
     * {@code 127.0.0.0/8}, {@code [::1]}): for development and tests with a local receiver. Any other URL must be
     * {@code https}.
     */
    @WithDefault("false")
    boolean allowHttpLoopback();

    /** Hooks a tenant may have at once; registering one more answers 409. */
    @WithDefault("20")
    int maxPerTenant();

    /** Attempts {@code GET /hooks/{id}/deliveries} answers when the request sets no {@code limit}. */
    @WithDefault("50")
    int defaultDeliveries();

    /** The largest {@code limit} {@code GET /hooks/{id}/deliveries} takes. */
    @WithDefault("500")
    int maxDeliveries();
}
