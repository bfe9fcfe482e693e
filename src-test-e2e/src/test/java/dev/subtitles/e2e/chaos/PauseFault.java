package dev.subtitles.e2e.chaos;

import java.time.Duration;
import java.util.List;

import dev.subtitles.common.phase.JobPhase;

/**
 * SIGSTOP of a worker with jobs in hand, for longer than the broker's heartbeat timeout (60 s by default, after which
 * the broker drops the frozen connection and redelivers what it held), then SIGCONT: the zombie wakes up with work
 * that others may have redone meanwhile.
 */
public record PauseFault(String service, Duration pause) implements Fault {

    private static final Duration IN_FLIGHT_BOUND = Duration.ofSeconds(30);

    @Override
    public List<String> services() {
        return List.of(service);
    }

    @Override
    public String name() {
        return "SIGSTOP " + service + " " + pause.toSeconds() + " s";
    }

    @Override
    public void apply(FaultContext context) throws Exception {
        PhasePoller poller = context.poller();
        JobPhase working = service.equals("translator") ? JobPhase.TRANSLATE_IN_PROGRESS
                : JobPhase.DOWNLOAD_IN_PROGRESS;
        FaultContext.awaitUpTo(IN_FLIGHT_BOUND, () -> poller.countIn(working) > 0);
        var process = context.stack().stack().service(service);
        process.signal("STOP");
        try {
            Thread.sleep(pause.toMillis());
        } finally {
            process.signal("CONT");
        }
    }
}
