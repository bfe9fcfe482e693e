package dev.subtitles.downloader.messaging;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.EventDecodingException;
import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.worker.DeadLetterPublisher;
import dev.subtitles.common.worker.RetryScheduler;
import dev.subtitles.downloader.service.AttemptMetrics;
import dev.subtitles.downloader.service.DownloadJobProcessor;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;

/**
 * Consumes {@code subtitle.download.requested} from the work queue. Decodes, hands the request to
 * {@link DownloadJobProcessor} and acks only once everything it published is confirmed. A message that is no valid
 * download request goes to the DLQ with the reason; an unexpected failure rejects the message, which the queue
 * dead-letters too. Either way the consumer goes on with the next message.
 */
@ApplicationScoped
public class DownloadRequestListener {

    private static final Logger LOG = Logger.getLogger(DownloadRequestListener.class);

    private final EventCodec codec;
    private final DownloadJobProcessor processor;
    private final DeadLetterPublisher deadLetters;
    private final AttemptMetrics metrics;

    public DownloadRequestListener(EventCodec codec, DownloadJobProcessor processor,
            DeadLetterPublisher deadLetters, AttemptMetrics metrics) {
        this.codec = codec;
        this.processor = processor;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @Incoming(Channels.REQUESTS)
    public Uni<Void> onRequest(Message<byte[]> message) {
        IncomingRabbitMQMetadata metadata = message.getMetadata(IncomingRabbitMQMetadata.class).orElse(null);
        byte[] body = message.getPayload();
        JobEvent<?> event;
        try {
            event = codec.decode(body);
        } catch (EventDecodingException e) {
            return deadLetter(message, metadata, "undecodable event: " + e.getMessage());
        }
        if (event.type() != EventType.DOWNLOAD_REQUESTED) {
            return deadLetter(message, metadata, "unexpected event type " + event.type().routingKey()
                    + " on the download queue");
        }
        int attempt = attempt(metadata);
        return processor.process(event.as(DownloadRequested.class), attempt)
                .onItemOrFailure().transformToUni((done, failure) -> {
                    if (failure == null) {
                        return Uni.createFrom().completionStage(message.ack());
                    }
                    LOG.errorf(failure, "Job %s attempt %d failed unexpectedly; rejecting the message", event.jobId(),
                            attempt);
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }

    private Uni<Void> deadLetter(Message<byte[]> message, IncomingRabbitMQMetadata metadata, String reason) {
        LOG.warnf("Dead-lettering a message: %s", reason);
        Map<String, Object> headers = metadata == null ? Map.of() : metadata.getHeaders();
        String contentType = metadata == null ? null : metadata.getContentType().orElse(null);
        return deadLetters.deadLetter(message.getPayload(), headers, contentType, reason)
                .invoke(metrics::deadLettered)
                .chain(() -> Uni.createFrom().completionStage(message.ack()));
    }

    private static int attempt(IncomingRabbitMQMetadata metadata) {
        if (metadata == null) {
            return 1;
        }
        Object value = metadata.getHeaders().get(RetryScheduler.ATTEMPT_HEADER);
        if (value instanceof Number number && number.intValue() >= 1) {
            return number.intValue();
        }
        return 1;
    }
}
