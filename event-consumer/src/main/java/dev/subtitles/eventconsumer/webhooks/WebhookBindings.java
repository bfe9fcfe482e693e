package dev.subtitles.eventconsumer.webhooks;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.messaging.BlockingAmqp;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the webhooks' queue bound to the event types some enabled hook wants, and to nothing else, so that with no
 * hook (or none for a type) the broker does not enqueue every event a second time for nobody. A type binds
 * {@code <type>.#}, which matches the type and also the routing key of a high or low job's request, the type with the
 * priority's suffix ({@code subtitle.download.requested.high}); {@code *} binds {@code #}. The messaging channel
 * declares the queue bound only to {@code webhooks.none}, a key no event has.
 * <p>
 * Bindings outlive the process (the queue is durable), and AMQP cannot list them, so the first change unbinds every
 * key an earlier run or version may have bound: each event type alone (before priorities) and with {@code .#},
 * {@code #}, and the {@code subtitle.#} and {@code job.#} of the first release. Every instance computes the same set from the
 * same hooks, so instances agree.
 * The AMQP client blocks: changes run on a thread and connection of their own, each bounded by {@code timeout}; a
 * change that fails is made again at the next call.
 */
public class WebhookBindings implements AutoCloseable {

    static final String EVERY_EVENT = "#";

    private static final Logger LOG = Logger.getLogger(WebhookBindings.class);
    private static final String CONNECTION_NAME = "event-consumer-webhook-bindings";

    private final BlockingAmqp amqp;
    private final String exchange;
    private final String queue;
    private final Duration timeout;
    /** What an earlier run or version may have bound, all unbound at the first change unless wanted. */
    private static final Set<String> EVER_BOUND = Stream
            .concat(Arrays.stream(EventType.values()).map(EventType::routingKey)
                    .flatMap(type -> Stream.of(type, bindingOf(type))), Stream.of(EVERY_EVENT, "subtitle.#", "job.#"))
            .collect(Collectors.toUnmodifiableSet());

    /** The keys bound by the last change; {@code null} before the first. Read and written on the AMQP thread only. */
    private Set<String> bound;

    /**
     * @param factory connects to the broker, with connect and handshake bounded
     * @param timeout the longest a change of the bindings may take
     */
    public WebhookBindings(ConnectionFactory factory, String exchange, String queue, Duration timeout) {
        this.amqp = new BlockingAmqp(factory, CONNECTION_NAME, timeout);
        this.exchange = exchange;
        this.queue = queue;
        this.timeout = timeout;
    }

    /** The routing keys for hooks wanting {@code eventTypes} (event types, or {@code *} for every one). */
    static Set<String> routingKeysFor(Set<String> eventTypes) {
        return eventTypes.contains(HookSubscription.EVERY_TYPE) ? Set.of(EVERY_EVENT)
                : eventTypes.stream().map(WebhookBindings::bindingOf).collect(Collectors.toUnmodifiableSet());
    }

    /** The binding of one event type: the type itself and the type with any priority's suffix. */
    private static String bindingOf(String eventType) {
        return eventType + ".#";
    }

    /** Binds the queue to exactly {@code routingKeys}; fails, having changed some or none, past the timeout. */
    public Uni<Void> bindExactly(Set<String> routingKeys) {
        Set<String> wanted = Set.copyOf(routingKeys);
        return Uni.createFrom().<Void> item(() -> {
            apply(wanted);
            return null;
        }).runSubscriptionOn(amqp.thread()).ifNoItem().after(timeout).fail();
    }

    private void apply(Set<String> wanted) {
        if (wanted.equals(bound)) {
            return;
        }
        Set<String> maybeBound = bound == null ? EVER_BOUND : bound;
        Set<String> surelyBound = bound == null ? Set.of() : bound;
        try {
            // Binding and unbinding are idempotent: a change cut short is simply made whole by the next one.
            try (Channel channel = amqp.connection().createChannel()) {
                for (String key : maybeBound) {
                    if (!wanted.contains(key)) {
                        channel.queueUnbind(queue, exchange, key);
                    }
                }
                for (String key : wanted) {
                    if (!surelyBound.contains(key)) {
                        channel.queueBind(queue, exchange, key);
                    }
                }
            }
            bound = wanted;
            LOG.debugf("webhooks queue %s bound to %s", queue, wanted);
        } catch (IOException | TimeoutException | RuntimeException e) {
            amqp.abort();
            throw new IllegalStateException("cannot bind the webhooks queue " + queue + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        amqp.close();
    }
}
