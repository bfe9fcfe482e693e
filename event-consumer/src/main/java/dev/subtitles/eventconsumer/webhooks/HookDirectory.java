package dev.subtitles.eventconsumer.webhooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.subtitles.common.worker.ConfirmedPublisher;
import dev.subtitles.eventconsumer.config.EventConsumerConfig;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The enabled hooks by tenant, read again every {@code webhooks.hooks-refresh-interval}, so that matching an event
 * costs no query: most events match no hook. Each read also binds the webhooks' queue to the event types the hooks
 * want ({@link WebhookBindings}) before the new list is used, so no event is routed there for nobody. Matching waits for the
 * first read, so no event is let through unmatched
 * while the list is still unknown; a failed read keeps the previous list until the next one succeeds.
 */
@ApplicationScoped
public class HookDirectory {

    private static final Logger LOG = Logger.getLogger(HookDirectory.class);
    private static final String ENABLED = "select id, tenant, event_types from manager.webhook where enabled";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;
    private final Vertx vertx;
    private final WebhooksConfig config;
    private final CompletableFuture<Void> firstRead = new CompletableFuture<>();
    private volatile Map<String, List<HookSubscription>> byTenant = Map.of();
    private final WebhookBindings bindings;
    private long timer = -1;

    public HookDirectory(@ReactiveDataSource(WebhookStore.DATASOURCE) Pool pool, Vertx vertx,
            WebhooksConfig config, EventConsumerConfig eventConsumer,
            @ConfigProperty(name = "events.exchange") String exchange,
            @ConfigProperty(name = "rabbitmq-username") String username,
            @ConfigProperty(name = "rabbitmq-password") String password) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
        Duration brokerTimeout = eventConsumer.timeout().broker();
        this.bindings = new WebhookBindings(ConfirmedPublisher.factory(eventConsumer.publisher().host(),
                eventConsumer.publisher().port(), username, password, brokerTimeout), exchange, config.queue(),
                brokerTimeout);
    }

    void start(@Observes StartupEvent startup) {
        refresh();
        timer = vertx.setPeriodic(config.hooksRefreshInterval().toMillis(), ignored -> refresh());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        bindings.close();
    }

    /** The enabled hooks of {@code tenant} that want events of {@code type}; once the list has been read. */
    Uni<List<HookSubscription>> matching(String tenant, String type) {
        return Uni.createFrom().completionStage(firstRead).map(ignored -> {
            List<HookSubscription> hooks = byTenant.getOrDefault(tenant, List.of());
            return hooks.stream().filter(hook -> hook.wants(type)).toList();
        });
    }

    /** Whether the current list holds the hook {@code id} (a test waits for it before it publishes). */
    boolean knows(UUID id) {
        return byTenant.values().stream().flatMap(List::stream).anyMatch(hook -> hook.id().equals(id));
    }

    private void refresh() {
        pool.query(ENABLED).execute()
                .ifNoItem().after(READ_TIMEOUT).fail()
                .map(rows -> {
                    Map<String, List<HookSubscription>> read = new HashMap<>();
                    for (Row row : rows) {
                        HookSubscription hook = new HookSubscription(row.getUUID("id"), row.getString("tenant"),
                                Set.copyOf(Arrays.asList(row.getArrayOfStrings("event_types"))));
                        read.computeIfAbsent(hook.tenant(), tenant -> new ArrayList<>()).add(hook);
                    }
                    return Map.copyOf(read);
                })
                .call(read -> bindings.bindExactly(WebhookBindings.routingKeysFor(read.values().stream()
                        .flatMap(List::stream).flatMap(hook -> hook.eventTypes().stream()).collect(Collectors.toSet())))
                        .onFailure().invoke(failure -> LOG.warnf("%s; trying again at the next read",
                                failure.getMessage()))
                        .onFailure().recoverWithNull())
                .subscribe().with(read -> {
                    byTenant = read;
                    firstRead.complete(null);
                }, failure -> LOG.warnf("Cannot read the enabled webhooks (%s); keeping the last list", failure));
    }
}
