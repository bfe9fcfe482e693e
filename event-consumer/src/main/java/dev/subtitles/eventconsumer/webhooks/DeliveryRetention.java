package dev.subtitles.eventconsumer.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;

/**
 * Deletes, every {@code webhooks.retention-interval}, the deliveries that ended and the attempts made more than
 * {@code webhooks.retention} ago; pending deliveries stay whatever their age.
 */
@ApplicationScoped
public class DeliveryRetention {

    private static final Logger LOG = Logger.getLogger(DeliveryRetention.class);

    private final WebhookStore store;
    private final WebhooksConfig config;
    private final Vertx vertx;
    private long timer = -1;

    public DeliveryRetention(WebhookStore store, WebhooksConfig config, Vertx vertx) {
        this.store = store;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent startup) {
        timer = vertx.setPeriodic(config.retentionInterval().toMillis(), ignored -> prune());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void prune() {
        store.prune(config.retention()).subscribe().with(
                deleted -> LOG.debugf("Deleted %d webhook deliveries and attempts past retention", deleted),
                failure -> LOG.warnf("Cannot delete old webhook deliveries (%s); trying again later", failure));
    }
}
