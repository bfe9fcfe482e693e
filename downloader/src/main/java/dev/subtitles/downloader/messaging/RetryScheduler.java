package dev.subtitles.downloader.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.downloader.config.DownloaderConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

/**
 * Puts a copy of a download request on a delay queue (see {@link DelayQueues}); it comes back to the work queue when
 * the delay is over, carrying its attempt number in {@link Channels#ATTEMPT_HEADER}. The request event keeps its id:
 * it is the same request, tried again.
 */
@ApplicationScoped
public class RetryScheduler {

    private static final Logger LOG = Logger.getLogger(RetryScheduler.class);
    private static final int PERSISTENT = 2;

    private final MutinyEmitter<byte[]> emitter;
    private final EventCodec codec;
    private final DelayQueues delayQueues;
    private final Backoff backoff;

    public RetryScheduler(@Channel(Channels.RETRIES) MutinyEmitter<byte[]> emitter, EventCodec codec,
            DelayQueues delayQueues, DownloaderConfig config) {
        this.emitter = emitter;
        this.codec = codec;
        this.delayQueues = delayQueues;
        this.backoff = new Backoff(config.retry(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The delay before the attempt after {@code failedAttempt}, at least {@code atLeast}. */
    public Duration delayAfter(int failedAttempt, Duration atLeast) {
        return backoff.after(failedAttempt, atLeast);
    }

    /** Sends {@code request} back to the work queue as attempt {@code attempt} after {@code delay}; confirmed. */
    public Uni<Void> schedule(JobEvent<?> request, int attempt, Duration delay) {
        Duration tier = delayQueues.tierFor(delay);
        Duration expiration = delay.compareTo(tier) > 0 ? tier : delay;
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(delayQueues.queueName(tier))
                .withHeaders(Map.of(Channels.ATTEMPT_HEADER, attempt))
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
