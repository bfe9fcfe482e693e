package dev.subtitles.common.worker;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.JobEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

/**
 * Puts a copy of a request on a delay queue (see {@link DelayQueues}); it comes back to the work queue when the
 * delay is over, carrying its attempt number in {@link #ATTEMPT_HEADER}. The request keeps its event id: it is the
 * same request, tried again.
 */
public class RetryScheduler {

    /** Header carrying the attempt number of a request copy that comes back from a delay queue. */
    public static final String ATTEMPT_HEADER = "x-attempt";

    private static final Logger LOG = Logger.getLogger(RetryScheduler.class);
    private static final int PERSISTENT = 2;

    private final MutinyEmitter<byte[]> emitter;
    private final EventCodec codec;
    private final DelayQueues delayQueues;

    /** @param emitter a channel to the default exchange with publisher confirms on */
    public RetryScheduler(MutinyEmitter<byte[]> emitter, EventCodec codec, DelayQueues delayQueues) {
        this.emitter = emitter;
        this.codec = codec;
        this.delayQueues = delayQueues;
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
        Duration tier = delayQueues.tierFor(delay);
        Duration expiration = delay.compareTo(tier) > 0 ? tier : delay;
        Map<String, Object> allHeaders = new HashMap<>(headers);
        allHeaders.put(ATTEMPT_HEADER, attempt);
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(delayQueues.queueName(tier))
                .withHeaders(allHeaders)
                .withExpiration(Long.toString(Math.max(expiration.toMillis(), 1)))
                .withContentType(codec.contentType())
                .withDeliveryMode(PERSISTENT)
                .withMessageId(request.id().toString())
                .build();
        return Uni.createFrom().item(() -> codec.encode(request))
                .flatMap(body -> emitter.sendMessage(Message.of(body).addMetadata(metadata)))
                .invoke(() -> LOG.debugf("Job %s attempt %d in %s (queue %s)", request.jobId(), attempt, delay,
                        delayQueues.queueName(tier)));
    }
}
