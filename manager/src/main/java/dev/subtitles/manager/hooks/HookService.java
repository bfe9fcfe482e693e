package dev.subtitles.manager.hooks;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.event.EventType;
import dev.subtitles.manager.service.InvalidQueryException;
import dev.subtitles.manager.service.Outages;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;

/**
 * A tenant's webhooks: registering (with a new secret, shown once), listing, reading, deleting, enabling one that was
 * disabled, and its latest delivery attempts. Another tenant's hook, like an unknown or malformed id, fails with
 * {@link HookNotFoundException}. Every wait on PostgreSQL is bounded ({@link Outages}).
 */
@ApplicationScoped
public class HookService {

    /** The event type that stands for every type. */
    static final String EVERY_TYPE = "*";

    private static final Logger LOG = Logger.getLogger(HookService.class);
    private static final Set<String> EVENT_TYPES = Stream.concat(Stream.of(EVERY_TYPE),
            Arrays.stream(EventType.values()).map(EventType::routingKey)).collect(Collectors.toUnmodifiableSet());

    private final HookRepository hooks;
    private final HookUrls urls;
    private final HookSecrets secrets;
    private final HooksConfig config;
    private final Outages outages;

    public HookService(HookRepository hooks, HookUrls urls, HookSecrets secrets, HooksConfig config,
            Outages outages) {
        this.hooks = hooks;
        this.urls = urls;
        this.secrets = secrets;
        this.config = config;
        this.outages = outages;
    }

    /** Registers a hook of {@code tenant}; the answer carries its secret, which no later answer shows. */
    @WithSpan("HookService.register")
    public Uni<HookView> register(String tenant, HookRequest request) {
        HookView hook = new HookView(UUID.randomUUID(), urls.require(request.url()), eventTypes(request.eventTypes()),
                blankToNull(request.description()), Instant.now().truncatedTo(ChronoUnit.MICROS), true, null, null,
                null, null, null);
        String secret = secrets.next();
        return outages.guard(hooks.insert(tenant, hook, secret, config.maxPerTenant())).map(stored -> {
            if (stored == null) {
                throw new HookLimitException(config.maxPerTenant());
            }
            LOG.debugf("Registered webhook %s of tenant %s for %s", stored.id(), tenant, stored.eventTypes());
            return new HookView(stored.id(), stored.url(), stored.eventTypes(), stored.description(),
                    stored.createdAt(), stored.enabled(), null, null, null, null, secret);
        });
    }

    @WithSpan("HookService.list")
    public Uni<HookList> list(String tenant) {
        return outages.guard(hooks.list(tenant)).map(HookList::new);
    }

    @WithSpan("HookService.get")
    public Uni<HookView> get(String tenant, String id) {
        return outages.guard(hooks.find(tenant, parse(id))).map(hook -> require(hook, id));
    }

    /** Deletes the hook, its pending deliveries and its attempts; nothing more is posted to it. */
    @WithSpan("HookService.delete")
    public Uni<Void> delete(String tenant, String id) {
        return outages.guard(hooks.delete(tenant, parse(id))).map(deleted -> {
            if (!deleted) {
                throw new HookNotFoundException(id);
            }
            LOG.debugf("Deleted webhook %s of tenant %s", id, tenant);
            return null;
        });
    }

    /**
     * Enables the hook and forgets its failures: events published from now on are delivered to it (those abandoned
     * when it was disabled are not). Enabling an enabled hook changes nothing but clearing its failing streak.
     */
    @WithSpan("HookService.enable")
    public Uni<HookView> enable(String tenant, String id) {
        return outages.guard(hooks.enable(tenant, parse(id))).map(hook -> require(hook, id));
    }

    /** The hook's latest attempts, newest first: at most {@code limit} (a query parameter, may be absent). */
    @WithSpan("HookService.deliveries")
    public Uni<DeliveryList> deliveries(String tenant, String id, String limit) {
        int size = limit(limit);
        UUID hookId = parse(id);
        return outages.guard(hooks.find(tenant, hookId).map(hook -> require(hook, id))
                .flatMap(hook -> hooks.attempts(hookId, size))).map(DeliveryList::new);
    }

    private List<String> eventTypes(List<String> requested) {
        Set<String> types = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String type = requested.get(i).strip();
            if (!EVENT_TYPES.contains(type)) {
                throw new InvalidHookException("eventTypes[" + i + "]",
                        "is not an event type: use one of docs/events.md's types, or * for all");
            }
            types.add(type);
        }
        return new ArrayList<>(types);
    }

    private int limit(String limit) {
        int max = config.maxDeliveries();
        String value = limit == null ? null : limit.strip();
        if (value == null || value.isEmpty()) {
            return config.defaultDeliveries();
        }
        try {
            long number = Long.parseLong(value);
            if (number >= 1 && number <= max) {
                return (int) number;
            }
        } catch (NumberFormatException e) {
            // same answer as a number out of range
        }
        throw new InvalidQueryException("limit", "must be a whole number between 1 and " + max);
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new HookNotFoundException(id);
        }
    }

    private static HookView require(HookView hook, String id) {
        if (hook == null) {
            throw new HookNotFoundException(id);
        }
        return hook;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
