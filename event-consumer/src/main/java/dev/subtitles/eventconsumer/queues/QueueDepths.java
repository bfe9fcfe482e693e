package dev.subtitles.eventconsumer.queues;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import com.rabbitmq.client.ConnectionFactory;

import dev.subtitles.common.status.QueueDepth;
import dev.subtitles.common.status.QueueProbe;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * The depth of the pipeline's queues for {@code /q/metrics}: every {@code event-consumer.queues.check-interval}, a
 * {@link QueueProbe} reads each watched queue and its dead-letter queue into the messages ready for delivery
 * ({@code subtitles.queue.messages{queue}}) and the consumers ({@code subtitles.queue.consumers{queue}}). The messages
 * delivered and not yet acked are not counted (each worker reports those as {@code subtitles.worker.in.flight}).
 * <p>
 * A round is bounded by {@code event-consumer.queues.timeout}; a queue that cannot be read shows as unknown (NaN)
 * rather than as its last value. Nothing here fails the service.
 */
public class QueueDepths implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(QueueDepths.class);
    private static final String CONNECTION_NAME = "event-consumer-queue-depths";

    private final QueueProbe probe;
    private final Duration checkInterval;
    private final Map<String, Depth> depths = new LinkedHashMap<>();
    private Cancellable rounds;

    /**
     * Registers the gauges of {@code watched} and of their dead-letter queues, unknown until {@link #start()}.
     *
     * @param factory connects to the broker, with connect and handshake bounded
     * @param timeout the longest a round of reads may take
     */
    public QueueDepths(ConnectionFactory factory, List<String> watched, Duration checkInterval, Duration timeout,
            MeterRegistry registry) {
        this.probe = new QueueProbe(factory, CONNECTION_NAME, QueueProbe.withDeadLetterQueues(watched), timeout);
        this.checkInterval = checkInterval;
        for (String queue : probe.queues()) {
            Depth depth = new Depth();
            depths.put(queue, depth);
            Gauge.builder("subtitles.queue.messages", depth, d -> d.messages)
                    .description("Messages ready for delivery in the queue (unknown while it cannot be read)")
                    .tag("queue", queue).register(registry);
            Gauge.builder("subtitles.queue.consumers", depth, d -> d.consumers)
                    .description("Consumers of the queue (unknown while it cannot be read)")
                    .tag("queue", queue).register(registry);
        }
    }

    /** Reads the depths now and every {@code checkInterval} from now on. */
    public void start() {
        rounds = Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(checkInterval)
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> probe.read())
                .subscribe().with(read -> read.forEach((queue, depth) -> depths.get(queue).set(depth)),
                        failure -> LOG.errorf(failure, "Queue depths are no longer read"));
    }

    @Override
    public void close() {
        if (rounds != null) {
            rounds.cancel();
        }
        probe.close();
    }

    /** The last read of one queue. */
    private static final class Depth {
        volatile double messages = Double.NaN;
        volatile double consumers = Double.NaN;

        void set(QueueDepth read) {
            messages = read.known() ? read.messages() : Double.NaN;
            consumers = read.known() ? read.consumers() : Double.NaN;
        }
    }
}
