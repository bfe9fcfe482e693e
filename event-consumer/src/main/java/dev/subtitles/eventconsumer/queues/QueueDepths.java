package dev.subtitles.eventconsumer.queues;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.subtitles.common.messaging.Topology;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * The depth of the pipeline's queues for {@code /q/metrics}: every {@code event-consumer.queues.check-interval}, one
 * passive declare per watched queue and per its dead-letter queue reads the messages ready for delivery
 * ({@code subtitles.queue.messages{queue}}) and the consumers ({@code subtitles.queue.consumers{queue}}). A passive
 * declare is what AMQP offers: it does not count the messages delivered and not yet acked (each worker reports those
 * as {@code subtitles.worker.in.flight}).
 * <p>
 * The reads block, so they run on a thread and connection of their own (the publisher's are left to the publishes),
 * a round is bounded by {@code event-consumer.queues.timeout} (each passive declare by the same as its RPC timeout), no
 * round starts while the previous one still reads (a hung broker does not pile up reads), and a queue that cannot be read (the
 * broker away, the
 * queue not declared yet) shows as unknown (NaN) rather than as its last value: a stale depth would hide a growing
 * backlog. Nothing here fails the service.
 */
public class QueueDepths implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(QueueDepths.class);
    private static final String CONNECTION_NAME = "event-consumer-queue-depths";

    private final ConnectionFactory factory;
    private final Duration checkInterval;
    private final Duration timeout;
    private final Map<String, Depth> depths = new LinkedHashMap<>();
    private final AtomicBoolean reading = new AtomicBoolean();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, CONNECTION_NAME);
        t.setDaemon(true);
        return t;
    });
    private Cancellable rounds;
    private Connection connection;

    /**
     * Registers the gauges of {@code watched} and of their dead-letter queues, unknown until {@link #start()}.
     *
     * @param factory connects to the broker, with connect and handshake bounded
     * @param timeout the longest a round of reads may take
     */
    public QueueDepths(ConnectionFactory factory, List<String> watched, Duration checkInterval, Duration timeout,
            MeterRegistry registry) {
        this.factory = factory;
        this.checkInterval = checkInterval;
        this.timeout = timeout;
        factory.setAutomaticRecoveryEnabled(false);
        factory.setChannelRpcTimeout(Math.toIntExact(timeout.toMillis()));
        for (String queue : queuesOf(watched)) {
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
                .onItem().transformToUniAndConcatenate(tick -> round())
                .subscribe().with(ignored -> {
                }, failure -> LOG.errorf(failure, "Queue depths are no longer read"));
    }

    /** The watched work queues and their dead-letter queues. */
    static List<String> queuesOf(List<String> watched) {
        List<String> queues = new ArrayList<>();
        for (String queue : watched) {
            queues.add(queue);
            queues.add(queue + Topology.DEAD_LETTER_QUEUE_SUFFIX);
        }
        return queues;
    }

    private Uni<Void> round() {
        if (!reading.compareAndSet(false, true)) {
            LOG.debugf("The previous round of queue depth reads is still running; skipping this one");
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().<Void> emitter(emitter -> thread.execute(() -> {
            try {
                readAll();
            } finally {
                reading.set(false);
            }
            emitter.complete(null);
        })).ifNoItem().after(timeout).recoverWithItem(() -> {
            LOG.debugf("Reading the queue depths took longer than %s", timeout);
            depths.values().forEach(Depth::unknown);
            thread.execute(this::disconnect);
            return null;
        });
    }

    private void readAll() {
        try {
            if (connection == null || !connection.isOpen()) {
                connection = factory.newConnection(CONNECTION_NAME);
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.debugf("Cannot read the queue depths: %s", e.getMessage());
            depths.values().forEach(Depth::unknown);
            disconnect();
            return;
        }
        depths.forEach(this::read);
    }

    private void read(String queue, Depth depth) {
        try (Channel channel = connection.createChannel()) {
            AMQP.Queue.DeclareOk answer = channel.queueDeclarePassive(queue);
            depth.messages = answer.getMessageCount();
            depth.consumers = answer.getConsumerCount();
        } catch (IOException | TimeoutException | RuntimeException e) {
            // A queue that does not exist closes the channel (404), not the connection.
            LOG.debugf("Cannot read the depth of %s: %s", queue, e.getMessage());
            depth.unknown();
        }
    }

    private void disconnect() {
        if (connection != null) {
            connection.abort(1000);
            connection = null;
        }
    }

    @Override
    public void close() {
        if (rounds != null) {
            rounds.cancel();
        }
        thread.execute(this::disconnect);
        thread.shutdown();
    }

    /** The last read of one queue. */
    private static final class Depth {
        volatile double messages = Double.NaN;
        volatile double consumers = Double.NaN;

        void unknown() {
            messages = Double.NaN;
            consumers = Double.NaN;
        }
    }
}
