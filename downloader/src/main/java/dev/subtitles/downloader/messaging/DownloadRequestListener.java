package dev.subtitles.downloader.messaging;

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
 * download request, or whose job could publish neither an outcome nor a retry (the broker refusing publishes), goes
 * to the DLQ with the reason in a header ({@link DeadLetterPublisher}: when even that copy cannot be published, the
 * message is returned to the queue after {@code retry.initial-delay}). Never is a
 * message rejected without a reason or dropped; the consumer goes on with the next one.
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
            return deadLetter(message, "undecodable event: " + e.getMessage());
        }
        if (event.type() != EventType.DOWNLOAD_REQUESTED) {
            return deadLetter(message, "unexpected event type " + event.type().routingKey()
                    + " on the download queue");
        }
        int attempt = Math.max(1, header(metadata, RetryScheduler.ATTEMPT_HEADER, 1));
        int deferrals = Math.max(0, header(metadata, DownloadJobProcessor.DEFERRALS_HEADER, 0));
        return processor.process(event.as(DownloadRequested.class), attempt, deferrals)
                .onItemOrFailure().transformToUni((done, failure) -> {
                    if (failure == null) {
                        return Uni.createFrom().completionStage(message.ack());
                    }
                    LOG.errorf(failure, "Job %s attempt %d could publish neither an outcome nor a retry",
                            event.jobId(), attempt);
                    return deadLetter(message, "job " + event.jobId() + " attempt " + attempt
                            + " could publish neither an outcome nor a retry: " + failure.getMessage());
                });
    }

    private Uni<Void> deadLetter(Message<byte[]> message, String reason) {
        return deadLetters.deadLetter(message, reason)
                .invoke(deadLettered -> {
                    if (deadLettered) {
                        metrics.deadLettered();
                    }
                })
                .replaceWithVoid();
    }

    private static int header(IncomingRabbitMQMetadata metadata, String name, int absent) {
        Object value = metadata == null ? null : metadata.getHeaders().get(name);
        return value instanceof Number number ? number.intValue() : absent;
    }
}
