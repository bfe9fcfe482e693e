package dev.subtitles.manager.upgrade;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.manager.config.ManagerConfig;
import dev.subtitles.manager.outbox.EventOutbox;
import dev.subtitles.manager.repository.OutboxMessage;
import dev.subtitles.manager.service.EventSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Asks for the searches for better subtitles that are due (docs/upgrades.md): every {@code upgrades.poll-interval} it
 * claims a batch of due candidates ({@link DueUpgrades}, {@code for update skip locked}: several manager instances take
 * different jobs) and, in the same transaction, writes for each either its {@code subtitle.upgrade.requested} to the
 * outbox, with the next search due {@code upgrades.interval} later, or that it is left alone from now on: past
 * {@code upgrades.max-age} since it ended, or with a current version found in its language and scored at least
 * {@code upgrades.score-below}. A round that fails is rolled back and done again by the next: the event's id derives
 * from the job and the search's number, so it is the same event.
 */
@Startup
@ApplicationScoped
public class UpgradeScheduler {

    private static final Logger LOG = Logger.getLogger(UpgradeScheduler.class);

    private final Pool pool;
    private final DueUpgrades rows;
    private final EventOutbox outbox;
    private final EventSource events;
    private final UpgradesConfig config;
    private final Duration roundTimeout;
    private final Counter requested;
    private final Counter retired;

    public UpgradeScheduler(Pool pool, DueUpgrades rows, EventOutbox outbox, EventSource events,
            UpgradesConfig config, ManagerConfig managerConfig, MeterRegistry registry) {
        this.pool = pool;
        this.rows = rows;
        this.outbox = outbox;
        this.events = events;
        this.config = config;
        this.roundTimeout = managerConfig.dependencies().timeout().multipliedBy(4);
        this.requested = Counter.builder("manager.upgrades.requested")
                .description("Searches for a better subtitle of a done job requested").register(registry);
        this.retired = Counter.builder("manager.upgrades.retired")
                .description("Done jobs no longer searched again: past upgrades.max-age, or good enough")
                .register(registry);
    }

    @Scheduled(every = "${upgrades.poll-interval:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> poll() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return round()
                .onFailure().invoke(failure -> LOG.warnf("upgrade round failed, the next one tries again: %s",
                        failure.getMessage()))
                .onFailure().recoverWithItem(0)
                .flatMap(claimed -> claimed == config.batchSize() ? poll() : Uni.createFrom().voidItem());
    }

    /** One round, in a transaction of its own: the number of due jobs it took. */
    @WithSpan("UpgradeScheduler.round")
    public Uni<Integer> round() {
        Instant now = Instant.now();
        List<OutboxMessage> requests = new ArrayList<>();
        return pool.withTransaction(connection -> rows.claim(connection, now, config.batchSize()).flatMap(due -> {
            requests.clear();
            List<DueUpgrades.Decision> decisions = new ArrayList<>(due.size());
            for (DueUpgrade upgrade : due) {
                decisions.add(decide(upgrade, now, requests));
            }
            return due.isEmpty() ? Uni.createFrom().item(0)
                    : rows.write(connection, decisions, requests).replaceWith(due.size());
        }))
                .ifNoItem().after(roundTimeout).fail()
                .invoke(claimed -> {
                    if (!requests.isEmpty()) {
                        outbox.committed();
                    }
                    requested.increment(requests.size());
                    retired.increment(claimed - requests.size());
                    if (claimed > 0) {
                        LOG.debugf("upgrade round: %d search(es) requested, %d job(s) left alone", requests.size(),
                                claimed - requests.size());
                    }
                });
    }

    /**
     * The next search of {@code upgrade}, added to {@code requests}, unless it is past its max age or good enough; the
     * last search is the one after which the next would fall past the max age.
     */
    private DueUpgrades.Decision decide(DueUpgrade upgrade, Instant now, List<OutboxMessage> requests) {
        Instant until = upgrade.finishedAt().plus(config.maxAge());
        if (!now.isBefore(until) || !upgrade.current().worthSearching(config.scoreBelow())) {
            return new DueUpgrades.Decision(upgrade, upgrade.searches(), null, null);
        }
        int search = upgrade.searches() + 1;
        requests.add(outbox.message(events.numberedEvent(upgrade.jobId(), upgrade.tenant(), search,
                upgrade.nextRequest())));
        Instant next = now.plus(config.interval());
        return new DueUpgrades.Decision(upgrade, search, now, next.isBefore(until) ? next : null);
    }
}
