package dev.subtitles.e2e.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.subtitles.common.testing.TcpProxy;

/**
 * Cuts one service's link to one server for a while (its proxy closes every connection and refuses new ones), then
 * restores it; the server itself and every other link stay up. The cut comes right after the scenario's jobs were
 * submitted, so that the service is in the middle of them, and as many jobs again are submitted while it lasts. Those
 * go in the background, retried until accepted, so that the link comes back on time even when the cut service cannot
 * accept them meanwhile (the manager without its database answers 503).
 */
public record LinkCutFault(String service, ChaosStack.Server server, Duration cut) implements Fault {

    @Override
    public List<String> services() {
        return List.of(service);
    }

    @Override
    public String name() {
        return "cut " + service + " -> " + server.name().toLowerCase() + " " + cut.toSeconds() + " s";
    }

    @Override
    public void apply(FaultContext context) throws Exception {
        TcpProxy proxy = context.stack().proxy(service, server);
        proxy.cut();
        Instant restore = Instant.now().plus(cut);
        CompletableFuture<Void> batch;
        try {
            batch = CompletableFuture.runAsync(context::submitBatch);
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), restore).toMillis()));
        } finally {
            proxy.restore();
        }
        batch.join();
    }
}
