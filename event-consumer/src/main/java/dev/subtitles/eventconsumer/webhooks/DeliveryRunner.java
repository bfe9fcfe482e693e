package dev.subtitles.eventconsumer.webhooks;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.subtitles.common.worker.Backoff;
import dev.subtitles.eventconsumer.config.EventConsumerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Runs the attempts: claims due deliveries ({@link WebhookStore#claim}) up to {@code webhooks.concurrency} in
 * progress, posts each ({@link WebhookSender}) and records how it went. A failed attempt is tried again after the
 * backoff ({@code webhooks.retry.*}); a hook that has failed for {@code webhooks.disable-after} is disabled at its
 * next failure. Claims are made every {@code webhooks.poll-interval}, when an event is queued for a hook, and when an
 * attempt ends; one claim runs at a time.
 * <p>
 * Nothing waits here: the HTTP client and the database client are non-blocking, and a slow receiver holds only its
 * own attempts (at most {@code webhooks.per-hook-concurrency} of them), never a thread. A delivery is leased to this
 * instance for twice the receiver time-out plus the database time-out; if this instance dies with it, another takes
 * it over afterwards (the receiver may then see the event twice, with the same {@code Webhook-Id}).
 */
@ApplicationScoped
public class DeliveryRunner {

    private static final Logger LOG = Logger.getLogger(DeliveryRunner.class);

    private final WebhookStore store;
    private final WebhookSender sender;
    private final WebhookMetrics metrics;
    private final WebhooksConfig config;
    private final Vertx vertx;
    private final Duration storeTimeout;
    private final Duration lease;
    private final Backoff backoff;
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final AtomicBoolean wokenWhileClaiming = new AtomicBoolean();
    private volatile boolean stopped;
    private long timer = -1;

    public DeliveryRunner(WebhookStore store, WebhookSender sender, WebhookMetrics metrics, WebhooksConfig config,
            EventConsumerConfig consumerConfig, Vertx vertx) {
        this.store = store;
        this.sender = sender;
        this.metrics = metrics;
        this.config = config;
        this.vertx = vertx;
        this.storeTimeout = consumerConfig.timeout().server();
        this.lease = config.timeout().multipliedBy(2).plus(storeTimeout);
        this.backoff = new Backoff(config.retry().initialDelay(), config.retry().maxDelay(), config.retry().jitter(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    void start(@Observes StartupEvent startup) {
        timer = vertx.setPeriodic(config.pollInterval().toMillis(), ignored -> wake());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Claims due deliveries now, if there is room for more attempts; after the running claim if one runs. */
    void wake() {
        if (stopped) {
            return;
        }
        if (!claiming.compareAndSet(false, true)) {
            wokenWhileClaiming.set(true);
            return;
        }
        wokenWhileClaiming.set(false);
        int room = config.concurrency() - inProgress.get();
        if (room <= 0) {
            claiming.set(false);
            return;
        }
        store.claim(room, lease, config.perHookConcurrency())
                .ifNoItem().after(storeTimeout).fail()
                .subscribe().with(claimed -> {
                    inProgress.addAndGet(claimed.size());
                    claimed.forEach(this::attempt);
                    claimedDone();
                }, failure -> {
                    LOG.warnf("Cannot claim webhook deliveries (%s); trying again at the next poll", failure);
                    claiming.set(false);
                });
    }

    private void claimedDone() {
        claiming.set(false);
        if (wokenWhileClaiming.get()) {
            wake();
        }
    }

    private void attempt(ClaimedDelivery delivery) {
        sender.send(delivery)
                .invoke(metrics::attempted)
                .flatMap(result -> record(delivery, result).ifNoItem().after(storeTimeout).fail())
                .subscribe().with(ignored -> attemptDone(), failure -> {
                    LOG.warnf("Cannot record attempt %d of event %s for hook %s (%s); it is tried again when its"
                            + " lease ends", delivery.attempt(), delivery.eventId(), delivery.hookId(), failure);
                    attemptDone();
                });
    }

    private void attemptDone() {
        inProgress.decrementAndGet();
        wake();
    }

    private Uni<Void> record(ClaimedDelivery delivery, AttemptResult result) {
        if (result.succeeded()) {
            LOG.debugf("Delivered event %s to hook %s at attempt %d", delivery.eventId(), delivery.hookId(),
                    delivery.attempt());
            return store.delivered(delivery, result);
        }
        Duration retryIn = backoff.after(delivery.attempt(), Duration.ZERO);
        LOG.debugf("Attempt %d of event %s for hook %s failed (%s); next in %s", delivery.attempt(),
                delivery.eventId(), delivery.hookId(), result.error(), retryIn);
        return store.failed(delivery, result, retryIn, config.disableAfter()).flatMap(streak -> {
            if (streak == null || !streak.enabled() || !streak.overdue()) {
                return Uni.createFrom().voidItem();
            }
            String reason = "no delivery succeeded since " + streak.since().toInstant() + ", for longer than "
                    + config.disableAfter() + "; last attempt: " + result.error();
            return store.disable(delivery.hookId(), reason).invoke(disabled -> {
                if (disabled) {
                    metrics.disabled();
                    LOG.warnf("Disabled webhook %s: %s", delivery.hookId(), reason);
                }
            }).replaceWithVoid();
        });
    }
}
