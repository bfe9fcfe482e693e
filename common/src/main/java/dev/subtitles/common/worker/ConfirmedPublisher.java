package dev.subtitles.common.worker;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.subtitles.common.context.CallerContext;
import io.smallrye.mutiny.Uni;

/**
 * Publishes with publisher confirms over a connection of its own, and completes each publish only with the broker's
 * confirm of that very message, or fails it within {@code confirmTimeout}: never waits without bound, never reports a
 * confirm that belongs to another message.
 * <p>
 * <b>Why not the messaging connector's outgoing channel.</b> Its publisher (Vert.x {@code RabbitMQPublisherImpl},
 * vertx-rabbitmq-client 4.5.23) keeps the messages awaiting a confirm in one list across reconnects: on the first
 * reconnect the list is kept, so confirms of the new channel (whose delivery tags start again at 1) are matched
 * against messages of the old one (a message lost with the old connection can be reported confirmed, the new
 * message never is); on later reconnects the list is cleared without completing them, so their senders wait
 * forever. A send that fails waits for a reconnect that may never call back, and the send queue stays paused
 * meanwhile. That is how a worker's deliveries got stuck after a broker restart. Here a confirm is matched on the
 * channel that published, every message awaiting a confirm fails when its channel closes, and the next publish opens
 * a new connection.
 * <p>
 * The AMQP client blocks, so every call runs on one dedicated thread, never on an event loop; that thread is the only
 * one that publishes, so sequence numbers are taken and used in order. The result is handed back on the caller's
 * Vert.x context (when it has one): the caller's pipeline goes on there, not on the AMQP client's threads, and keeps
 * that context's MDC (the job id of its log lines).
 */
public class ConfirmedPublisher implements AutoCloseable {

    /** The AMQP delivery mode of every message a worker publishes: persistent, so a broker restart keeps it. */
    public static final int PERSISTENT = 2;

    private static final Logger LOG = Logger.getLogger(ConfirmedPublisher.class);

    /** Heartbeats notice a link that died without closing, so that waiting confirms fail. */
    private static final int HEARTBEAT_SECONDS = 10;

    private final ConnectionFactory factory;
    private final String connectionName;
    private final Duration confirmTimeout;
    private final ExecutorService thread;
    private Connection connection;
    private ConfirmChannel channel;
    private volatile boolean closed;

    /**
     * @param connectionName the client-provided connection name the broker shows (and an operator can close)
     * @param confirmTimeout the longest a publish waits for its confirm before it fails
     */
    public ConfirmedPublisher(ConnectionFactory factory, String connectionName, Duration confirmTimeout) {
        this.factory = factory;
        this.connectionName = connectionName;
        this.confirmTimeout = confirmTimeout;
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, connectionName);
            t.setDaemon(true);
            return t;
        });
    }

    /** A connection factory for {@code host:port} with connect and handshake bounded by {@code connectTimeout}. */
    public static ConnectionFactory factory(String host, int port, String username, String password,
            Duration connectTimeout) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setConnectionTimeout((int) connectTimeout.toMillis());
        factory.setHandshakeTimeout((int) connectTimeout.toMillis());
        factory.setRequestedHeartbeat(HEARTBEAT_SECONDS);
        return factory;
    }

    /**
     * Publishes {@code body}; the item arrives once the broker confirmed this message. Fails when the broker
     * refuses it (nack), when the connection is lost before the confirm, or after {@code confirmTimeout}: in every
     * failure case the message may or may not have been routed, so the caller publishes again later (our messages
     * carry deterministic ids, which consumers deduplicate).
     */
    public Uni<Void> publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {
        return CallerContext.emitOnCaller(Uni.createFrom().completionStage(() -> {
            CompletableFuture<Void> confirmed = new CompletableFuture<>();
            thread.execute(() -> send(exchange, routingKey, properties, body, confirmed));
            return confirmed;
        }).ifNoItem().after(confirmTimeout).failWith(() -> {
            thread.execute(this::abortIfUnconfirmed);
            return new PublishException("no confirm from the broker within " + confirmTimeout + " for a message to '"
                    + exchange + "' with routing key '" + routingKey + "'", null);
        }));
    }

    /**
     * Runs {@code work} with a channel of its own on this publisher's connection (on its thread), for a check such as
     * a queue's depth: a channel error it causes (a queue that does not exist) does not fail the publishes awaiting
     * their confirm. Fails when the broker cannot be reached, or after {@code confirmTimeout}.
     */
    public <T> Uni<T> withChannel(ChannelFunction<T> work) {
        return CallerContext.emitOnCaller(Uni.createFrom().<T> emitter(emitter -> thread.execute(() -> {
            try {
                channel();
                Channel own = connection.createChannel();
                try {
                    emitter.complete(work.apply(own));
                } finally {
                    if (own.isOpen()) {
                        own.close();
                    }
                }
            } catch (IOException | TimeoutException | RuntimeException e) {
                emitter.fail(e);
            }
        })).ifNoItem().after(confirmTimeout).fail());
    }

    /** Work done with a channel. */
    @FunctionalInterface
    public interface ChannelFunction<T> {
        T apply(Channel channel) throws IOException;
    }

    private void send(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body,
            CompletableFuture<Void> confirmed) {
        if (closed) {
            confirmed.completeExceptionally(new PublishException("the publisher is closed", null));
            return;
        }
        try {
            channel().publish(exchange, routingKey, properties, body, confirmed);
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.warnf("Cannot publish to '%s' (%s): %s", exchange, routingKey, describe(e));
            abort();
            confirmed.completeExceptionally(new PublishException("cannot publish: " + describe(e), e));
        }
    }

    private ConfirmChannel channel() throws IOException, TimeoutException {
        if (channel != null && channel.channel.isOpen()) {
            return channel;
        }
        abort();
        connection = factory.newConnection(connectionName);
        Channel created = connection.createChannel();
        created.confirmSelect();
        channel = new ConfirmChannel(created);
        LOG.infof("Publisher %s connected to %s:%d", connectionName, factory.getHost(), factory.getPort());
        return channel;
    }

    /** A publish timed out: a channel still waiting for older confirms is suspect, so it is replaced. */
    private void abortIfUnconfirmed() {
        if (channel != null && channel.oldestUnconfirmedFor().compareTo(confirmTimeout) >= 0) {
            LOG.warnf("Publisher %s had confirms outstanding for %s; reconnecting", connectionName, confirmTimeout);
            abort();
        }
    }

    private void abort() {
        Connection current = connection;
        ConfirmChannel currentChannel = channel;
        connection = null;
        channel = null;
        if (current != null) {
            try {
                current.abort(1000);
            } catch (RuntimeException e) {
                LOG.debugf("Closing the publisher's connection failed: %s", e.getMessage());
            }
        }
        if (currentChannel != null) {
            currentChannel.failAll("the connection was closed before the broker confirmed");
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.execute(this::abort);
        thread.shutdown();
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }

    /** A publish that the broker did not confirm. */
    public static class PublishException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A channel in confirm mode and the messages it published that await their confirm, by sequence number. */
    private static final class ConfirmChannel {

        private final Channel channel;
        private final ConcurrentNavigableMap<Long, Pending> pending = new ConcurrentSkipListMap<>();

        private record Pending(CompletableFuture<Void> confirmed, long sentAtNanos) {
        }

        ConfirmChannel(Channel channel) {
            this.channel = channel;
            channel.addConfirmListener((tag, multiple) -> settle(tag, multiple, null),
                    (tag, multiple) -> settle(tag, multiple, "the broker refused the message (nack)"));
            channel.addShutdownListener(cause -> failAll("the channel closed before the broker confirmed: "
                    + cause.getMessage()));
        }

        void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body,
                CompletableFuture<Void> confirmed) throws IOException {
            long sequence = channel.getNextPublishSeqNo();
            pending.put(sequence, new Pending(confirmed, System.nanoTime()));
            try {
                channel.basicPublish(exchange, routingKey, properties, body);
            } catch (IOException | RuntimeException e) {
                pending.remove(sequence);
                throw e;
            }
        }

        Duration oldestUnconfirmedFor() {
            Map.Entry<Long, Pending> oldest = pending.firstEntry();
            return oldest == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - oldest.getValue().sentAtNanos);
        }

        private void settle(long tag, boolean multiple, String refusal) {
            Map<Long, Pending> settled = multiple ? pending.headMap(tag, true) : pending.subMap(tag, true, tag, true);
            settled.values().forEach(entry -> {
                if (refusal == null) {
                    entry.confirmed.complete(null);
                } else {
                    entry.confirmed.completeExceptionally(new PublishException(refusal, null));
                }
            });
            settled.clear();
        }

        void failAll(String reason) {
            pending.values().forEach(entry -> entry.confirmed.completeExceptionally(new PublishException(reason, null)));
            pending.clear();
        }
    }
}
