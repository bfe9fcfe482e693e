package dev.subtitles.common.worker;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.JobEvent;
import io.smallrye.mutiny.Uni;

/**
 * Puts a copy of a request on a delay queue (see {@link DelayQueues}); it comes back to the work queue when the
 * delay is over, carrying its attempt number in {@link #ATTEMPT_HEADER}. The request keeps its event id: it is the
 * same request, tried again. The delay queues are those of the request's priority ({@link WorkQueues}), so the copy
 * comes back to the queue its routing key brought it to.
 */
public class RetryScheduler {

    /** Header carrying the attempt number of a request copy that comes back from a delay queue. */
    public static final String ATTEMPT_HEADER = "x-attempt";

    /**
     * Header counting how often a request copy was put back as the same attempt because nothing could be decided
     * (Redis away); the backoff grows with it.
     */
    public static final String DEFERRALS_HEADER = "x-deferrals";

    private static final Logger LOG = Logger.getLogger(RetryScheduler.class);

    private final ConfirmedPublisher publisher;
    private final EventCodec codec;
    private final WorkQueues queues;

    /** @param publisher publishes through the default exchange straight into a delay queue */
    public RetryScheduler(ConfirmedPublisher publisher, EventCodec codec, WorkQueues queues) {
        this.publisher = publisher;
        this.codec = codec;
        this.queues = queues;
    }

    /** Sends {@code request} back to the work queue as attempt {@code attempt} after {@code delay}; confirmed. */
    public Uni<Void> schedule(JobEvent<?> request, int attempt, Duration delay) {
        return schedule(request, attempt, delay, Map.of());
    }

    /**
     * Like {@link #schedule(JobEvent, int, Duration)}, with {@code headers} of the worker's own beside
     * {@link #ATTEMPT_HEADER} on the copy (such as a count of how often it was put back).
     */
    public Uni<Void> schedule(JobEvent<?> request, int attempt, Duration delay, Map<String, Object> headers) {
        DelayQueues delayQueues = queues.delayQueues(request.priority());
        Duration tier = delayQueues.tierFor(delay);
        Duration expiration = delay.compareTo(tier) > 0 ? tier : delay;
        Map<String, Object> allHeaders = new HashMap<>(headers);
        allHeaders.put(ATTEMPT_HEADER, attempt);
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .headers(allHeaders)
                .expiration(Long.toString(Math.max(expiration.toMillis(), 1)))
                .contentType(codec.contentType())
                .deliveryMode(ConfirmedPublisher.PERSISTENT)
                .messageId(request.id().toString())
                .type(request.type().routingKey())
                .build();
        return Uni.createFrom().item(() -> codec.encode(request))
                .flatMap(body -> publisher.publish("", delayQueues.queueName(tier), properties, body))
                .invoke(() -> LOG.debugf("Job %s attempt %d in %s (queue %s)", request.jobId(), attempt, delay,
                        delayQueues.queueName(tier)));
    }

    /** The deferral count a delivery carries in {@link #DEFERRALS_HEADER}, 0 when it has none. */
    public static int deferralsOf(Map<String, Object> headers) {
        return headers.get(DEFERRALS_HEADER) instanceof Number number ? Math.max(0, number.intValue()) : 0;
    }
}
