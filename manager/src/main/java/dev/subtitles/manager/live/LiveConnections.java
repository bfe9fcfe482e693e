package dev.subtitles.manager.live;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;

/**
 * Metrics of the live routes: {@code manager_live_connections{transport}} (open now) and
 * {@code manager_live_slow_disconnects_total{transport}} (clients cut off for falling behind).
 */
@Startup
@ApplicationScoped
public class LiveConnections {

    /** How a client watches. */
    public enum Transport {
        WS,
        SSE;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Map<Transport, AtomicInteger> open = new EnumMap<>(Transport.class);
    private final Map<Transport, Counter> slow = new EnumMap<>(Transport.class);

    public LiveConnections(MeterRegistry registry) {
        for (Transport transport : Transport.values()) {
            AtomicInteger count = registry.gauge("manager.live.connections",
                    io.micrometer.core.instrument.Tags.of("transport", transport.tag()), new AtomicInteger());
            open.put(transport, count);
            slow.put(transport, Counter.builder("manager.live.slow.disconnects").tag("transport", transport.tag())
                    .description("live clients disconnected for falling behind").register(registry));
        }
    }

    /** A client connected. */
    public void opened(Transport transport) {
        open.get(transport).incrementAndGet();
    }

    /** A client's connection ended, for whatever reason. */
    public void closed(Transport transport) {
        open.get(transport).decrementAndGet();
    }

    /** A client was disconnected for being too slow. */
    public void slowClient(Transport transport) {
        slow.get(transport).increment();
    }

    /** {@code stream}, counted as one connection of {@code transport} while it runs, and as a slow client if cut off so. */
    public <T> Multi<T> counted(Multi<T> stream, Transport transport) {
        return stream.onSubscription().invoke(() -> opened(transport))
                .onTermination().invoke(() -> closed(transport))
                .onFailure(SlowClientException.class).invoke(() -> slowClient(transport));
    }

    /** Clients connected now. */
    public int open(Transport transport) {
        return open.get(transport).get();
    }
}
