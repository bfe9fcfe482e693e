package dev.subtitles.common.worker.wiring;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import dev.subtitles.common.event.payload.Priority;
import dev.subtitles.common.worker.Lane;

/**
 * A worker's {@link Lane}s, one per {@link Priority}, each consuming its own work queue with consumers of its own
 * (docs/topology.md, "Priorities"): a high request never waits behind normal ones, because the high lane's consumers
 * are idle whenever there is no high work; a low one never starves, because the low lane has consumers nothing else
 * takes.
 */
public final class Lanes implements AutoCloseable {

    private final Map<Priority, Lane> lanes = new EnumMap<>(Priority.class);

    /** @param lanes one lane per priority */
    public Lanes(Collection<Lane> lanes) {
        lanes.forEach(lane -> this.lanes.put(lane.priority(), lane));
        if (this.lanes.size() != Priority.values().length) {
            throw new IllegalArgumentException("one lane per priority is needed, got " + this.lanes.keySet());
        }
    }

    /** The lane of {@code priority}. */
    public Lane of(Priority priority) {
        return lanes.get(priority);
    }

    /** Every lane, high first. */
    public Collection<Lane> all() {
        return lanes.values();
    }

    /**
     * The lane of a connector channel: the lane's channel itself, or one of its copies under {@code concurrency}
     * ({@code requests-high$2}); empty for a channel of no lane.
     */
    public Optional<Lane> forChannel(String connectorChannel) {
        int copy = connectorChannel.indexOf('$');
        String channel = copy < 0 ? connectorChannel : connectorChannel.substring(0, copy);
        return lanes.values().stream().filter(lane -> lane.channel().equals(channel)).findFirst();
    }

    /** Deliveries in hand now, in every lane. */
    public int inFlight() {
        return lanes.values().stream().mapToInt(lane -> lane.watchdog().inFlight()).sum();
    }

    /** Starts every lane's watchdog. */
    public void start() {
        lanes.values().forEach(lane -> lane.watchdog().start());
    }

    @Override
    public void close() {
        lanes.values().forEach(lane -> lane.watchdog().close());
    }
}
