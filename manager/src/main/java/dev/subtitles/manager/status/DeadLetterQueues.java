package dev.subtitles.manager.status;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;

import dev.subtitles.common.messaging.Topology;
import dev.subtitles.manager.config.ManagerConfig;
import io.smallrye.mutiny.Uni;

/**
 * The dead-letter queues of the pipeline's work queues, read and emptied over AMQP alone (no management plugin).
 * <p>
 * <b>Reading without losing.</b> A message is taken with {@code basic.get} and not acked; closing the channel puts
 * every message it did not ack back into the queue. So a listing takes the first messages and closes; a requeue or a
 * discard of one message takes messages until it meets the id, and gives back the others by closing.
 * <p>
 * <b>Requeue.</b> A message goes back through the default exchange straight into the work queue it was dead-lettered
 * from, as the workers' retries do. Publishing it to the events exchange with its original routing key would copy it
 * into every queue bound to that key (a projection dead letter {@code subtitle.download.requested} would reach the
 * downloader again). It is published persistent, mandatory (a work queue that is gone returns it rather than drop it)
 * and confirmed, and only then acked in the dead-letter queue: at-least-once, never lost. If the ack is lost after the
 * confirm (connection cut), the message is in both queues; the consumers drop the duplicate by its event id.
 * <p>
 * <b>Concurrency.</b> Each operation has a connection and a thread of its own. A message taken by one operation is
 * invisible to the others until it is acked or given back, so two concurrent requeues never move one message twice:
 * the second does not find it (404), or finds it back if the first failed.
 * <p>
 * <b>Bounded.</b> Every step waits at most {@code manager.status.broker-timeout}; an operation that overruns its bound
 * has its connection aborted, which gives its unacked messages back.
 */
@ApplicationScoped
public class DeadLetterQueues {

    private static final Logger LOG = Logger.getLogger(DeadLetterQueues.class);
    private static final int BATCH = 100;
    /** Headers that describe the message's last dead-lettering, which a requeued copy no longer has. */
    private static final List<String> STALE_HEADERS = List.of(Topology.DEAD_LETTER_REASON_HEADER, "x-delivery-count");

    private final ConnectionFactory factory;
    private final List<String> queues;
    private final Duration timeout;
    private final OperationsConfig.DeadLetters limits;
    private final ExecutorService threads = Executors.newFixedThreadPool(4, runnable -> {
        Thread t = new Thread(runnable, "manager-dead-letters");
        t.setDaemon(true);
        return t;
    });

    public DeadLetterQueues(OperationsConfig operations, ManagerConfig config) {
        this.factory = BrokerLink.factory(config);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        factory.setChannelRpcTimeout(Math.toIntExact(operations.brokerTimeout().toMillis()));
        this.queues = operations.queues();
        this.timeout = operations.brokerTimeout();
        this.limits = operations.deadLetters();
    }

    /** The first {@code limit} messages of {@code queue}'s dead-letter queue, in queue order, left in place. */
    public Uni<List<DeadLetter>> list(String queue, int limit) {
        return run(queue, 1, (channel, dlq) -> {
            List<DeadLetter> found = new ArrayList<>();
            for (GetResponse get; found.size() < limit && (get = channel.basicGet(dlq, false)) != null;) {
                found.add(DeadLetter.of(get, queue));
            }
            return found;
        });
    }

    /**
     * Moves the messages of {@code queue}'s dead-letter queue back to {@code queue}: as many as it held when the call
     * began (messages dead-lettered again meanwhile stay), at most {@code max-requeue}. The item is how many moved.
     */
    public Uni<Integer> requeueAll(String queue) {
        int batches = (limits.maxRequeue() + BATCH - 1) / BATCH;
        return run(queue, batches + 1, (channel, dlq) -> {
            requireWorkQueue(channel.getConnection(), queue);
            long held = Math.min(channel.messageCount(dlq), limits.maxRequeue());
            Returns returns = Returns.on(channel);
            int moved = 0;
            while (moved < held) {
                List<GetResponse> batch = new ArrayList<>();
                for (GetResponse get; moved + batch.size() < held && batch.size() < BATCH
                        && (get = channel.basicGet(dlq, false)) != null;) {
                    batch.add(get);
                }
                if (batch.isEmpty()) {
                    break;
                }
                for (GetResponse get : batch) {
                    publish(channel, queue, get);
                }
                confirmThenAck(channel, returns, queue, batch);
                moved += batch.size();
            }
            LOG.infof("requeued %d dead-lettered message(s) to %s", moved, queue);
            return moved;
        });
    }

    /** Moves the first message with {@code id} from {@code queue}'s dead-letter queue back to {@code queue}. */
    public Uni<Void> requeue(String queue, String id) {
        return run(queue, 1, (channel, dlq) -> {
            requireWorkQueue(channel.getConnection(), queue);
            GetResponse found = find(channel, queue, dlq, id);
            Returns returns = Returns.on(channel);
            publish(channel, queue, found);
            confirmThenAck(channel, returns, queue, List.of(found));
            LOG.infof("requeued dead-lettered message %s to %s", id, queue);
            return null;
        });
    }

    /** Deletes the first message with {@code id} from {@code queue}'s dead-letter queue. */
    public Uni<Void> discard(String queue, String id) {
        return run(queue, 1, (channel, dlq) -> {
            GetResponse found = find(channel, queue, dlq, id);
            channel.basicAck(found.getEnvelope().getDeliveryTag(), false);
            // The ack has no answer in AMQP: a round trip after it makes sure the broker has it before we say so.
            channel.messageCount(dlq);
            LOG.infof("discarded dead-lettered message %s of %s", id, queue);
            return null;
        });
    }

    private GetResponse find(Channel channel, String queue, String dlq, String id) throws IOException {
        int examined = 0;
        for (GetResponse get; examined < limits.maxLimit() && (get = channel.basicGet(dlq, false)) != null;) {
            examined++;
            if (DeadLetter.idOf(get).equals(id)) {
                return get;
            }
        }
        throw new DeadLetterException.MessageNotFound(dlq, id, examined);
    }

    private static void publish(Channel channel, String queue, GetResponse get) throws IOException {
        AMQP.BasicProperties original = get.getProps();
        Map<String, Object> headers = new HashMap<>(original.getHeaders() == null ? Map.of() : original.getHeaders());
        STALE_HEADERS.forEach(headers::remove);
        headers.put(DeadLetter.REQUEUES_HEADER, DeadLetter.requeues(original.getHeaders() == null ? Map.of()
                : original.getHeaders()) + 1);
        AMQP.BasicProperties properties = original.builder().headers(headers).deliveryMode(2).expiration(null)
                .build();
        channel.basicPublish("", queue, true, properties, get.getBody());
    }

    private void confirmThenAck(Channel channel, Returns returns, String queue, List<GetResponse> batch)
            throws IOException {
        try {
            channel.waitForConfirmsOrDie(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterException.BrokerFailure("interrupted while waiting for the broker's confirms", e);
        } catch (TimeoutException e) {
            throw new DeadLetterException.BrokerFailure("the broker did not confirm the requeued messages within "
                    + timeout.toMillis() + " ms; they are still dead-lettered (and may be in " + queue + " too)", e);
        }
        if (returns.any()) {
            throw new DeadLetterException.QueueMissing(queue);
        }
        // One by one: a multiple ack would also ack the messages a search took and means to give back.
        for (GetResponse get : batch) {
            channel.basicAck(get.getEnvelope().getDeliveryTag(), false);
        }
    }

    private static void requireWorkQueue(Connection connection, String queue) throws IOException {
        try (Channel check = connection.createChannel()) {
            check.queueDeclarePassive(queue);
        } catch (IOException | TimeoutException e) {
            if (notFound(e)) {
                throw new DeadLetterException.QueueMissing(queue);
            }
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    /** Work on a channel of its own connection. */
    @FunctionalInterface
    private interface ChannelWork<T> {
        T apply(Channel channel, String deadLetterQueue) throws IOException;
    }

    /**
     * Runs {@code work} on a thread and connection of its own, bounded by {@code steps} broker timeouts and one more
     * for connecting.
     */
    private <T> Uni<T> run(String queue, int steps, ChannelWork<T> work) {
        if (!queues.contains(queue)) {
            return Uni.createFrom().failure(new DeadLetterException.UnknownQueue(queue));
        }
        String dlq = queue + Topology.DEAD_LETTER_QUEUE_SUFFIX;
        Operation operation = new Operation();
        Duration limit = timeout.multipliedBy(steps + 1L);
        return Uni.createFrom().<T> emitter(emitter -> threads.execute(() -> {
            try {
                emitter.complete(operation.run(factory, timeout, channel -> {
                    channel.confirmSelect();
                    requireDeadLetterQueue(channel, dlq);
                    return work.apply(channel, dlq);
                }));
            } catch (IOException | TimeoutException | ShutdownSignalException e) {
                emitter.fail(new DeadLetterException.BrokerFailure("the broker failed the operation on " + dlq + ": "
                        + describe(e), e));
            } catch (RuntimeException e) {
                emitter.fail(e);
            }
        })).ifNoItem().after(limit).failWith(() -> {
            operation.abort();
            return new DeadLetterException.BrokerFailure("no answer from the broker within " + limit.toMillis()
                    + " ms for " + dlq + "; its messages not confirmed elsewhere are back in it", null);
        });
    }

    private static void requireDeadLetterQueue(Channel channel, String dlq) throws IOException {
        try (Channel check = channel.getConnection().createChannel()) {
            check.queueDeclarePassive(dlq);
        } catch (IOException | TimeoutException e) {
            if (notFound(e)) {
                throw new DeadLetterException.QueueMissing(dlq);
            }
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    private static boolean notFound(Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause instanceof ShutdownSignalException shutdown && String.valueOf(shutdown.getMessage())
                .contains("NOT_FOUND");
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure.getCause() != null && failure.getMessage() == null ? failure.getCause() : failure;
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    /** One operation's connection, which a caller that stopped waiting aborts (giving its unacked messages back). */
    private static final class Operation {

        private final AtomicBoolean aborted = new AtomicBoolean();
        private volatile Connection connection;

        <T> T run(ConnectionFactory factory, Duration timeout, OnChannel<T> work) throws IOException, TimeoutException {
            if (aborted.get()) {
                throw new DeadLetterException.BrokerFailure("the caller stopped waiting before the operation began",
                        null);
            }
            Connection opened = factory.newConnection("manager-dead-letters");
            connection = opened;
            try {
                if (aborted.get()) {
                    throw new DeadLetterException.BrokerFailure("the caller stopped waiting", null);
                }
                T result = work.apply(opened.createChannel());
                // Closing gives back every message the operation took and did not ack.
                opened.close(Math.toIntExact(timeout.toMillis()));
                return result;
            } finally {
                connection = null;
                opened.abort(1000);
            }
        }

        void abort() {
            aborted.set(true);
            Connection current = connection;
            if (current != null) {
                current.abort(1000);
            }
        }
    }

    @FunctionalInterface
    private interface OnChannel<T> {
        T apply(Channel channel) throws IOException;
    }

    /** Whether the broker returned any message published mandatory on a channel (its queue was gone). */
    private static final class Returns {

        private final AtomicBoolean returned = new AtomicBoolean();

        static Returns on(Channel channel) {
            Returns returns = new Returns();
            channel.addReturnListener(message -> returns.returned.set(true));
            return returns;
        }

        boolean any() {
            return returned.get();
        }
    }

    @PreDestroy
    void close() {
        threads.shutdownNow();
    }
}
