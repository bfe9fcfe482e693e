package dev.subtitles.translator.messaging;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.EventDecodingException;
import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;

/**
 * The test's side of the broker, through the plain AMQP client: publishes requests as the downloader would, and
 * records every event on the exchange, as the event-consumer would see them.
 */
public class Broker implements AutoCloseable {

    private final EventCodec codec = new EventCodec();
    private final Connection connection;
    private final Channel channel;
    private final String exchange;
    private final List<JobEvent<?>> events = new CopyOnWriteArrayList<>();

    public Broker(String exchange) throws IOException, TimeoutException {
        this.exchange = exchange;
        this.connection = new ConnectionFactory().newConnection("translator-test");
        this.channel = connection.createChannel();
        channel.confirmSelect();
        String observer = channel.queueDeclare().getQueue();
        channel.queueBind(observer, exchange, "#");
        channel.basicConsume(observer, true, (tag, delivery) -> record(delivery.getBody()), tag -> {
        });
    }

    /** Keeps events; the garbage some tests publish is the translator's business, not the observer's. */
    private void record(byte[] body) {
        try {
            events.add(codec.decode(body));
        } catch (EventDecodingException garbage) {
            // not an event: nothing to observe
        }
    }

    /**
     * Publishes an event with its routing key (its type, with the priority's suffix for a request of a high or low
     * job), persistent, and waits for the confirm.
     */
    public void publish(JobEvent<?> event) throws IOException, InterruptedException, TimeoutException {
        publish(event.routingKey(), codec.encode(event));
    }

    /** Publishes any bytes, as a broken producer might. */
    public void publish(String routingKey, byte[] body) throws IOException, InterruptedException, TimeoutException {
        publish(routingKey, new AMQP.BasicProperties.Builder().contentType(codec.contentType()).deliveryMode(2)
                .build(), body);
    }

    /** Publishes any bytes with the given properties. */
    public void publish(String routingKey, AMQP.BasicProperties properties, byte[] body)
            throws IOException, InterruptedException, TimeoutException {
        channel.basicPublish(exchange, routingKey, properties, body);
        channel.waitForConfirmsOrDie(5_000);
    }

    /** The events of a job by id: a redelivered attempt's duplicates share their ids. */
    public Map<UUID, JobEvent<?>> distinctEventsOf(UUID jobId) {
        Map<UUID, JobEvent<?>> distinct = new LinkedHashMap<>();
        eventsOf(jobId).forEach(event -> distinct.putIfAbsent(event.id(), event));
        return distinct;
    }

    /** How many messages (ready or unacknowledged) a queue holds, as the broker counts them. */
    public long messagesIn(String queue) throws IOException {
        return channel.messageCount(queue) + unacknowledged(queue);
    }

    /** Unacknowledged messages of a queue, from {@code rabbitmqctl} (AMQP does not tell). */
    private static long unacknowledged(String queue) throws IOException {
        Process process = new ProcessBuilder("rabbitmqctl", "-q", "list_queues", "name", "messages_unacknowledged")
                .redirectErrorStream(true).start();
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            return reader.lines().map(line -> line.split("\\s+")).filter(fields -> fields.length == 2)
                    .filter(fields -> fields[0].equals(queue)).mapToLong(fields -> Long.parseLong(fields[1]))
                    .findFirst().orElse(0);
        }
    }

    /** The events about a job seen so far, in the order they arrived, requests left out. */
    public List<JobEvent<?>> eventsOf(UUID jobId) {
        return events.stream().filter(event -> event.jobId().equals(jobId))
                .filter(event -> event.type() != EventType.TRANSLATE_REQUESTED).toList();
    }

    /** The types of {@link #eventsOf}. */
    public List<EventType> typesOf(UUID jobId) {
        return eventsOf(jobId).stream().<EventType> map(JobEvent::type).toList();
    }

    /** Takes one message off a queue, if there is one. */
    public Optional<GetResponse> take(String queue) throws IOException {
        return Optional.ofNullable(channel.basicGet(queue, true));
    }

    /** The headers of a message taken off a queue. */
    public static Map<String, Object> headersOf(GetResponse response) {
        return response.getProps().getHeaders() == null ? Map.of() : response.getProps().getHeaders();
    }

    @Override
    public void close() throws IOException, TimeoutException {
        channel.close();
        connection.close();
    }
}
