package dev.subtitles.common.worker.wiring;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.subtitles.common.event.payload.Priority;
import dev.subtitles.common.worker.RequestHandler;
import dev.subtitles.common.worker.WorkerDeliveries;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;

/**
 * Every worker's consumers: take requests off the work queue of each priority (channels {@value #CHANNEL},
 * {@value #HIGH_CHANNEL} and {@value #LOW_CHANNEL}, each with its own {@code concurrency}) and hand each to the
 * worker's {@link RequestHandler} in the one shape of {@link WorkerDeliveries} of the channel's {@link Lanes lane}
 * (decode once, dead-letter what is no request with the reason, ack only once every output is confirmed, back to the
 * queue otherwise, under the lane's progress watchdog). A consumer goes on with the next message in every case.
 * <p>
 * This package is part of {@code common}, which the manager and the event-consumer use too; its beans exist only in a
 * service that configures the {@value #CHANNEL} channel ({@value #CONNECTOR_PROPERTY}, read at build time), and such a
 * service configures all three.
 */
@IfBuildProperty(name = RequestListener.CONNECTOR_PROPERTY, stringValue = RequestListener.CONNECTOR)
@ApplicationScoped
public class RequestListener {

    /** The incoming channel of a worker's normal requests, configured as {@code mp.messaging.incoming.requests.*}. */
    public static final String CHANNEL = "requests";
    /** The incoming channel of a worker's high-priority requests. */
    public static final String HIGH_CHANNEL = CHANNEL + "-high";
    /** The incoming channel of a worker's low-priority requests. */
    public static final String LOW_CHANNEL = CHANNEL + "-low";
    /** The connector of {@link #CHANNEL}. */
    public static final String CONNECTOR = "smallrye-rabbitmq";
    /** The setting that makes a service a worker: {@link #CHANNEL} on {@link #CONNECTOR}. */
    public static final String CONNECTOR_PROPERTY = "mp.messaging.incoming." + CHANNEL + ".connector";

    private final Lanes lanes;
    private final RequestHandler<?> handler;

    public RequestListener(Lanes lanes, RequestHandler<?> handler) {
        this.lanes = lanes;
        this.handler = handler;
    }

    /** The incoming channel of {@code priority}'s requests. */
    public static String channel(Priority priority) {
        return switch (priority) {
            case HIGH -> HIGH_CHANNEL;
            case NORMAL -> CHANNEL;
            case LOW -> LOW_CHANNEL;
        };
    }

    @Incoming(CHANNEL)
    public Uni<Void> onRequest(Message<byte[]> message) {
        return lanes.of(Priority.NORMAL).deliveries().handle(message, handler);
    }

    @Incoming(HIGH_CHANNEL)
    public Uni<Void> onHighRequest(Message<byte[]> message) {
        return lanes.of(Priority.HIGH).deliveries().handle(message, handler);
    }

    @Incoming(LOW_CHANNEL)
    public Uni<Void> onLowRequest(Message<byte[]> message) {
        return lanes.of(Priority.LOW).deliveries().handle(message, handler);
    }
}
