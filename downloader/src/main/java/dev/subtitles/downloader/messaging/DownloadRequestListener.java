package dev.subtitles.downloader.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.worker.RetryScheduler;
import dev.subtitles.common.worker.WorkerDeliveries;
import dev.subtitles.downloader.service.DownloadJobProcessor;
import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code subtitle.download.requested} from the work queue and hands each request to
 * {@link DownloadJobProcessor} in the workers' one shape ({@link WorkerDeliveries}: decode once, dead-letter what is
 * no download request with the reason, ack only once every output is confirmed, back to the queue otherwise, under
 * the progress watchdog). The consumer goes on with the next message in every case.
 */
@ApplicationScoped
public class DownloadRequestListener {

    private final WorkerDeliveries deliveries;
    private final DownloadJobProcessor processor;

    public DownloadRequestListener(WorkerDeliveries deliveries, DownloadJobProcessor processor) {
        this.deliveries = deliveries;
        this.processor = processor;
    }

    @Incoming(Channels.REQUESTS)
    public Uni<Void> onRequest(Message<byte[]> message) {
        return deliveries.handle(message, EventType.DOWNLOAD_REQUESTED, DownloadRequested.class,
                (request, attempt, headers) -> processor.process(request, attempt,
                        RetryScheduler.deferralsOf(headers)));
    }
}
