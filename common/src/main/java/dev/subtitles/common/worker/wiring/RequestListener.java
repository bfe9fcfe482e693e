package dev.subtitles.common.worker.wiring;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.subtitles.common.worker.RequestHandler;
import dev.subtitles.common.worker.WorkerDeliveries;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;

/**
 * Every worker's consumer: takes requests off the work queue (channel {@value #CHANNEL}) and hands each to the
 * worker's {@link RequestHandler} in the one shape of {@link WorkerDeliveries} (decode once, dead-letter what is no
 * request with the reason, ack only once every output is confirmed, back to the queue otherwise, under the progress
 * watchdog). The consumer goes on with the next message in every case.
 * <p>
 * This package is part of {@code common}, which the manager and the event-consumer use too; its beans exist only in a
 * service that configures the {@value #CHANNEL} channel ({@value #CONNECTOR_PROPERTY}, read at build time).
 */
@IfBuildProperty(name = RequestListener.CONNECTOR_PROPERTY, stringValue = RequestListener.CONNECTOR)
@ApplicationScoped
public class RequestListener {

    /** The incoming channel of a worker's requests, configured as {@code mp.messaging.incoming.requests.*}. */
    public static final String CHANNEL = "requests";
    /** The connector of {@link #CHANNEL}. */
    public static final String CONNECTOR = "smallrye-rabbitmq";
    /** The setting that makes a service a worker: {@link #CHANNEL} on {@link #CONNECTOR}. */
    public static final String CONNECTOR_PROPERTY = "mp.messaging.incoming." + CHANNEL + ".connector";

    private final WorkerDeliveries deliveries;
    private final RequestHandler<?> handler;

    public RequestListener(WorkerDeliveries deliveries, RequestHandler<?> handler) {
        this.deliveries = deliveries;
        this.handler = handler;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onRequest(Message<byte[]> message) {
        return deliveries.handle(message, handler);
    }
}
