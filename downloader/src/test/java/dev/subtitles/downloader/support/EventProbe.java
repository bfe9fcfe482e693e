package dev.subtitles.downloader.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DeliverCallback;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.event.payload.Priority;
import dev.subtitles.common.event.payload.VideoRef;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.messaging.EventsExchange;
import dev.subtitles.common.tenant.Tenants;

/**
 * The test's side of the broker: publishes download requests like the manager does, and records every event on the
 * test exchange through its own exclusive queue, like the event-consumer does.
 */
public final class EventProbe implements AutoCloseable {

    private static final Set<EventType> RESULTS = Set.of(EventType.SUBTITLE_READY, EventType.TRANSLATE_REQUESTED,
            EventType.JOB_FAILED, EventType.JOB_CANCELLED);

    /** What the manager publishes, which the probe does not record: it records what the downloader publishes. */
    private static final Set<String> REQUESTS = Set.of(EventType.DOWNLOAD_REQUESTED.routingKey(),
            EventType.UPGRADE_REQUESTED.routingKey());

    private final EventCodec codec = new EventCodec();
    private final String exchange;
    private final Connection connection;
    private final Channel channel;
    private final ConcurrentLinkedQueue<JobEvent<?>> events = new ConcurrentLinkedQueue<>();

    /** A probe on the test profile's exchange. */
    public EventProbe() {
        this(TestBroker.EXCHANGE);
    }

    /** A probe on {@code exchange} (a durable topic exchange). */
    public EventProbe(String exchange) {
        this.exchange = exchange;
        try {
            connection = TestBroker.connect();
            channel = connection.createChannel();
            EventsExchange.declare(channel, exchange);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, exchange, "#");
            DeliverCallback record = (tag, delivery) -> {
                String routingKey = delivery.getEnvelope().getRoutingKey();
                if (REQUESTS.stream().noneMatch(routingKey::startsWith)) {
                    events.add(codec.decode(delivery.getBody()));
                }
            };
            channel.basicConsume(queue, true, record, tag -> {
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request of a normal job for {@code title} in {@code language}, SRT. */
    public static JobEvent<DownloadRequested> request(VideoRef video, String language) {
        return request(video, language, Priority.NORMAL);
    }

    /** A request of a job of {@code priority} for {@code title} in {@code language}, SRT. */
    public static JobEvent<DownloadRequested> request(VideoRef video, String language, Priority priority) {
        return JobEvent.create(UUID.randomUUID(), Tenants.DEFAULT, JobEvent.source("test", "probe"),
                new DownloadRequested(video, language, List.of(), SubtitleFormat.SRT, null, priority));
    }

    /** Publishes a request event as the manager would: its routing key carries the priority. */
    public void publish(JobEvent<?> event) {
        publishRaw(codec.encode(event), event.routingKey());
    }

    /** Publishes arbitrary bytes with the download request routing key. */
    public void publishRaw(byte[] body, String routingKey) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType(codec.contentType()).deliveryMode(2).headers(Map.of()).build();
        try {
            channel.basicPublish(exchange, routingKey, properties, body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Events of a job in arrival order. */
    public List<JobEvent<?>> eventsOf(UUID jobId) {
        return events.stream().filter(e -> e.jobId().equals(jobId)).toList();
    }

    /** Types of a job's events in arrival order. */
    public List<EventType> typesOf(UUID jobId) {
        return eventsOf(jobId).stream().map(JobEvent::type).toList();
    }

    /** Waits for the job's result event (ready, translate requested, failed or cancelled) and returns it. */
    public JobEvent<?> awaitResult(UUID jobId, Duration atMost) {
        await().atMost(atMost).until(() -> eventsOf(jobId).stream().anyMatch(e -> RESULTS.contains(e.type())));
        return eventsOf(jobId).stream().filter(e -> RESULTS.contains(e.type())).findFirst().orElseThrow();
    }

    /** The channel, for tests that inspect queues. */
    public Channel channel() {
        return channel;
    }

    @Override
    public void close() throws IOException, TimeoutException {
        channel.close();
        connection.close();
    }
}
