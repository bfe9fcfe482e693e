package dev.subtitles.e2e.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.subtitles.common.phase.JobPhase;

/**
 * SIGSTOP of a worker with jobs in hand (the downloader right after the jobs were submitted, the translator once a
 * translation runs) for longer than the broker's heartbeat timeout (60 s by default, after which the broker drops
 * the frozen connection and redelivers what it held), as many jobs again submitted meanwhile, then SIGCONT: the
 * zombie wakes up with work that others may have redone.
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
        if (service.equals("translator")) {
            FaultContext.awaitUpTo(IN_FLIGHT_BOUND, () -> poller.countIn(JobPhase.TRANSLATE_IN_PROGRESS) > 0);
        }
        var process = context.stack().stack().service(service);
        process.signal("STOP");
        Instant resume = Instant.now().plus(pause);
        try {
            context.submitBatch();
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), resume).toMillis()));
        } finally {
            process.signal("CONT");
        }
    }
}
