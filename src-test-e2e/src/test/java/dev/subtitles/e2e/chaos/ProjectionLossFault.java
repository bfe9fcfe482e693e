package dev.subtitles.e2e.chaos;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Loses the projection: deletes this run's Redis keys (its prefix only: never FLUSHALL on the shared server) while
 * jobs are in flight, then {@code POST /admin/rebuild} on the event-consumer, as the README's recovery says. Jobs that
 * had ended before must show exactly the same trail afterwards (same event ids under the same sequence numbers).
 */
public final class ProjectionLossFault implements Fault {

    private static final Duration HALF_ENDED_BOUND = Duration.ofSeconds(60);

    private final Map<UUID, String> before = new HashMap<>();

    @Override
    public String name() {
        return "lose the Redis projection, rebuild";
    }

    @Override
    public void apply(FaultContext context) throws Exception {
        PhasePoller poller = context.poller();
        FaultContext.awaitUpTo(HALF_ENDED_BOUND,
                () -> poller.jobs().stream().filter(job -> poller.endedAt(job).isPresent()).count() * 2 >= poller
                        .jobs().size());
        before.clear();
        for (UUID job : poller.jobs()) {
            if (poller.endedAt(job).isPresent()) {
                context.stack().manager().trail(job).ifPresent(trail -> before.put(job, signature(trail)));
            }
        }
        context.stack().names().deleteRedisKeys();
        HttpResponse<String> rebuilt = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(context.stack().baseUri("event-consumer").resolve("/admin/rebuild"))
                        .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (rebuilt.statusCode() != 200) {
            context.problem("POST /admin/rebuild answered " + rebuilt.statusCode() + ": " + rebuilt.body());
        }
        Scenario.log("rebuilt after deleting the projection: %s", rebuilt.body());
    }

    @Override
    public void verify(FaultContext context) {
        before.forEach((job, trail) -> {
            Optional<String> after = context.stack().manager().trail(job).map(ProjectionLossFault::signature);
            if (!after.equals(Optional.of(trail))) {
                context.problem("job " + job + " trail before " + trail + " after " + after.orElse("none"));
            }
        });
    }

    /** The trail as seq, id and type in seq order. */
    private static String signature(ManagerClient.Trail trail) {
        List<ObservedEvent> events = trail.events();
        return events.stream().sorted(java.util.Comparator.comparingLong(event -> event.seq().orElse(0)))
                .map(event -> event.seq().orElse(0) + ":" + event.id() + ":" + event.type())
                .collect(Collectors.joining(",", "[", "]")) + " of " + trail.eventCount();
    }
}
