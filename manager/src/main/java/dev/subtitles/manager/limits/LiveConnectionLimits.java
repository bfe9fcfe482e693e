package dev.subtitles.manager.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.vertx.ext.web.RoutingContext;

/**
 * The cap on each tenant's live connections (SSE streams and WebSockets together) on this manager instance,
 * {@code manager.limits.live-connections-per-tenant}: a live route takes a {@link Slot} before it starts streaming
 * and closes it when the connection ends, whichever way it ends. Counted in memory: each instance holds its own
 * connections, so the cap is per instance. Created at startup, so that a cap out of range stops the start.
 */
@Startup
@ApplicationScoped
public class LiveConnectionLimits {

    /**
     * The {@code Retry-After} of a refusal. A slot frees when one of the tenant's connections ends, which nothing
     * predicts; a live client reconnects on its own, so a few seconds is enough to not retry in a tight loop.
     */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(LiveConnectionLimits.class);

    private final int cap;
    private final LimitRefusals refusals;
    /** Open connections by tenant; a tenant with none has no entry. */
    private final Map<String, Integer> open = new ConcurrentHashMap<>();
    private final String refusal;

    public LiveConnectionLimits(LimitsConfig limits, LimitRefusals refusals) {
        if (limits.liveConnectionsPerTenant() < 1) {
            throw new IllegalArgumentException("manager.limits.live-connections-per-tenant must be at least 1");
        }
        this.cap = limits.liveConnectionsPerTenant();
        this.refusals = refusals;
        this.refusal = "this tenant has " + cap + " live connections open on this instance, the most it may have;"
                + " close one or retry later";
    }

    /**
     * Takes one of {@code tenant}'s live connection slots.
     *
     * @return the slot, to {@link Slot#close() close} when the connection ends
     * @throws TooManyRequestsException when the tenant has all its slots taken (nothing is taken then)
     */
    public Slot acquire(String tenant) {
        boolean[] taken = { false };
        open.compute(tenant, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= cap) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        if (!taken[0]) {
            refusals.refused(LimitRefusals.LIVE_CONNECTIONS);
            LOG.debugf("tenant %s has its %d live connections open; refused another", tenant, cap);
            throw new TooManyRequestsException(refusal, RETRY_AFTER);
        }
        return new Slot(tenant);
    }

    /**
     * Takes one of {@code tenant}'s slots for the response of {@code request}, given back when that response ends,
     * however it ends.
     *
     * @throws TooManyRequestsException when the tenant has all its slots taken (nothing is taken then)
     */
    public void holdForResponse(String tenant, RoutingContext request) {
        Slot slot = acquire(tenant);
        request.addEndHandler(ended -> slot.close());
    }

    /** How many live connections {@code tenant} has open on this instance. */
    public int open(String tenant) {
        return open.getOrDefault(tenant, 0);
    }

    private void release(String tenant) {
        open.computeIfPresent(tenant, (key, count) -> count <= 1 ? null : count - 1);
    }

    /** One open live connection of a tenant. Closing it frees the slot; closing it again does nothing. */
    public final class Slot implements AutoCloseable {

        private final String tenant;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Slot(String tenant) {
            this.tenant = tenant;
        }

        /** Frees the slot, once, whatever thread calls it and however often. */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release(tenant);
            }
        }
    }
}
