package dev.subtitles.translator.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.payload.TranslateRequested;
import dev.subtitles.common.worker.WorkerDeliveries;
import dev.subtitles.translator.job.TranslateRequestHandler;
import io.smallrye.mutiny.Uni;

/**
 * Takes translation requests off the work queue and hands them to {@link TranslateRequestHandler} in the workers'
 * one shape ({@link WorkerDeliveries}: decode once, dead-letter what is no request, ack only once every output is
 * confirmed, back to the queue otherwise, under the progress watchdog).
 */
@ApplicationScoped
public class TranslateRequestListener {

    private final WorkerDeliveries deliveries;
    private final TranslateRequestHandler handler;

    public TranslateRequestListener(WorkerDeliveries deliveries, TranslateRequestHandler handler) {
        this.deliveries = deliveries;
        this.handler = handler;
    }

    @Incoming(Channels.REQUESTS)
    public Uni<Void> onMessage(Message<byte[]> message) {
        return deliveries.handle(message, EventType.TRANSLATE_REQUESTED, TranslateRequested.class, handler::handle);
    }
}
