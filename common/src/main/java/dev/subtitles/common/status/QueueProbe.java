package dev.subtitles.common.status;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.subtitles.common.messaging.BlockingAmqp;
import dev.subtitles.common.messaging.Topology;
import io.smallrye.mutiny.Uni;

/**
 * Reads the depth of a fixed set of queues by passive declare, which is what AMQP offers without the management
 * plugin: the messages ready for delivery and the consumers (not the messages delivered and not yet acked).
 * <p>
 * The AMQP client blocks, so the reads run on a thread and connection of their own; a round is bounded by
 * {@code timeout} (each passive declare by the same, as its RPC timeout), after which the connection is aborted and
 * every queue not read yet is unknown. Callers that ask while a round runs share that round rather than queueing
 * another behind it, and a round never starts while the thread is still stuck in an earlier one (a hung broker does
 * not pile up reads). A queue that cannot be read is {@link QueueDepth#UNKNOWN}, never its last depth: a stale depth
 * would hide a growing backlog. Reading never fails.
 */
public class QueueProbe implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(QueueProbe.class);

    private final BlockingAmqp amqp;
    private final String connectionName;
    private final List<String> queues;
    private final Duration timeout;
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicReference<CompletableFuture<Map<String, QueueDepth>>> round = new AtomicReference<>();

    /**
     * @param factory connects to the broker, with connect and handshake bounded
     * @param connectionName the client-provided connection name the broker shows
     * @param timeout the longest a round of reads may take
     */
    public QueueProbe(ConnectionFactory factory, String connectionName, List<String> queues, Duration timeout) {
        this.amqp = new BlockingAmqp(factory, connectionName, timeout);
        this.connectionName = connectionName;
        this.queues = List.copyOf(queues);
        this.timeout = timeout;
    }

    /** Each of {@code workQueues} followed by its dead-letter queue ({@link Topology#DEAD_LETTER_QUEUE_SUFFIX}). */
    public static List<String> withDeadLetterQueues(List<String> workQueues) {
        List<String> all = new ArrayList<>();
        for (String queue : workQueues) {
            all.add(queue);
            all.add(queue + Topology.DEAD_LETTER_QUEUE_SUFFIX);
        }
        return all;
    }

    /** The queues read, in the order of the answer. */
    public List<String> queues() {
        return queues;
    }

    /** The depth of every queue, in order; the round in progress if there is one, else a new one. */
    public Uni<Map<String, QueueDepth>> read() {
        return Uni.createFrom().completionStage(this::currentRound);
    }

    private CompletableFuture<Map<String, QueueDepth>> currentRound() {
        while (true) {
            CompletableFuture<Map<String, QueueDepth>> running = round.get();
            if (running != null && !running.isDone()) {
                return running;
            }
            CompletableFuture<Map<String, QueueDepth>> next = new CompletableFuture<>();
            if (round.compareAndSet(running, next)) {
                start(next);
                return next;
            }
        }
    }

    private void start(CompletableFuture<Map<String, QueueDepth>> result) {
        if (!reading.compareAndSet(false, true)) {
            LOG.debugf("%s is still stuck in an earlier round of reads; the queues are unknown", connectionName);
            result.complete(unknown());
            return;
        }
        Map<String, QueueDepth> read = new LinkedHashMap<>(unknown());
        amqp.thread().execute(() -> {
            try {
                readAll(read);
                result.complete(Collections.unmodifiableMap(read));
            } finally {
                reading.set(false);
            }
        });
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (result.complete(unknown())) {
                LOG.debugf("Reading the queue depths took longer than %s", timeout);
                amqp.abort();
            }
        });
    }

    private Map<String, QueueDepth> unknown() {
        Map<String, QueueDepth> unknown = new LinkedHashMap<>();
        queues.forEach(queue -> unknown.put(queue, QueueDepth.UNKNOWN));
        return unknown;
    }

    private void readAll(Map<String, QueueDepth> read) {
        try {
            Connection current = amqp.connection();
            for (String queue : queues) {
                read.put(queue, read(current, queue));
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.debugf("Cannot read the queue depths: %s", e.getMessage());
            amqp.abort();
        }
    }

    private static QueueDepth read(Connection connection, String queue) throws IOException {
        try (Channel channel = connection.createChannel()) {
            AMQP.Queue.DeclareOk answer = channel.queueDeclarePassive(queue);
            return new QueueDepth((long) answer.getMessageCount(), (long) answer.getConsumerCount());
        } catch (IOException | TimeoutException | RuntimeException e) {
            if (!connection.isOpen()) {
                throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
            // A queue that does not exist closes the channel (404), not the connection.
            LOG.debugf("Cannot read the depth of %s: %s", queue, e.getMessage());
            return QueueDepth.UNKNOWN;
        }
    }

    @Override
    public void close() {
        amqp.close();
    }
}
