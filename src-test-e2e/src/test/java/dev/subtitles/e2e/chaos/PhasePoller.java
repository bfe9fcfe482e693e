package dev.subtitles.e2e.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.subtitles.common.phase.JobPhase;

/**
 * Reads {@code GET /jobs/{id}} for every tracked job, round after round, on a thread of its own: the phases a user
 * polling the API would see, for the checker's regression verdict, and when each job was first seen in a terminal
 * phase, for the time to recover.
 */
public final class PhasePoller implements AutoCloseable {

    private static final Duration PAUSE = Duration.ofMillis(250);
    /** Ended jobs are read every this many rounds only: enough to see one leave its end, cheap with many jobs. */
    private static final int ENDED_EVERY = 8;

    private final ManagerClient manager;
    private final Map<UUID, List<JobPhase>> phases = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> ended = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public PhasePoller(ManagerClient manager) {
        this.manager = manager;
        this.thread = new Thread(this::loop, "chaos-phase-poller");
        thread.setDaemon(true);
        thread.start();
    }

    public void track(UUID job) {
        phases.putIfAbsent(job, new CopyOnWriteArrayList<>());
    }

    public Set<UUID> jobs() {
        return Set.copyOf(phases.keySet());
    }

    /** The phases read, each change once (a phase read in ten rounds in a row is one entry). */
    public List<JobPhase> phasesOf(UUID job) {
        return List.copyOf(phases.getOrDefault(job, List.of()));
    }

    /** The latest phase read, if any. */
    public Optional<JobPhase> latest(UUID job) {
        List<JobPhase> seen = phases.getOrDefault(job, List.of());
        return seen.isEmpty() ? Optional.empty() : Optional.of(seen.get(seen.size() - 1));
    }

    /** When the job was first read in a terminal phase, if it was. */
    public Optional<Instant> endedAt(UUID job) {
        return Optional.ofNullable(ended.get(job));
    }

    public boolean allEnded() {
        return phases.keySet().stream().allMatch(ended::containsKey);
    }

    /** Tracked jobs whose latest phase is {@code phase}. */
    public long countIn(JobPhase phase) {
        return phases.keySet().stream().filter(job -> latest(job).filter(phase::equals).isPresent()).count();
    }

    private void loop() {
        long round = 0;
        while (running) {
            round++;
            for (UUID job : phases.keySet()) {
                if (!running) {
                    return;
                }
                if (ended.containsKey(job) && round % ENDED_EVERY != 0) {
                    continue;
                }
                manager.phase(job).ifPresent(phase -> {
                    List<JobPhase> seen = phases.get(job);
                    if (seen.isEmpty() || seen.get(seen.size() - 1) != phase) {
                        seen.add(phase);
                    }
                    if (phase.isTerminal()) {
                        ended.putIfAbsent(job, Instant.now());
                    }
                });
            }
            try {
                Thread.sleep(PAUSE.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(Duration.ofSeconds(15).toMillis());
    }
}
