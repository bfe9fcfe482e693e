package dev.subtitles.manager.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import dev.subtitles.common.messaging.Topology;

/**
 * A work queue and its dead-letter queue of a status test, on the local broker, declared like the workers' (quorum,
 * dead-lettering to the DLQ through a direct exchange) and deleted by {@link #close()}.
 */
final class TestQueues implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;
    private final String queue;
    private final String deadLetterExchange;

    private TestQueues(Connection connection, String queue) throws IOException {
        this.connection = connection;
        this.channel = connection.createChannel();
        this.queue = queue;
        this.deadLetterExchange = queue + ".dlx";
    }

    /** Declares {@code queue} and {@code queue.dlq}. */
    static TestQueues declare(String queue) throws IOException, TimeoutException {
        TestQueues queues = new TestQueues(new ConnectionFactory().newConnection("status-test"), queue);
        queues.channel.exchangeDeclare(queues.deadLetterExchange, "direct", false, true, null);
        queues.channel.queueDeclare(queues.deadLetterQueue(), true, false, false, Map.of("x-queue-type", "quorum"));
        queues.channel.queueBind(queues.deadLetterQueue(), queues.deadLetterExchange, queue);
        queues.channel.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum",
                "x-dead-letter-exchange", queues.deadLetterExchange, "x-dead-letter-routing-key", queue));
        return queues;
    }

    String deadLetterQueue() {
        return queue + Topology.DEAD_LETTER_QUEUE_SUFFIX;
    }

    /** Puts a message straight into the DLQ, as a worker's dead-letter copy does. */
    void deadLetterCopy(String messageId, String jobId, String reason) throws IOException {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().messageId(messageId)
                .type("subtitle.download.requested").deliveryMode(2)
                .headers(Map.of(Topology.DEAD_LETTER_REASON_HEADER, reason,
                        "x-original-exchange", "subtitle.events",
                        "x-original-routing-key", "subtitle.download.requested"))
                .build();
        channel.basicPublish("", deadLetterQueue(), properties, body(messageId, jobId));
    }

    /** Publishes a message to the work queue and rejects it, so that the broker dead-letters it (x-death). */
    void rejected(String messageId, String jobId) throws IOException, InterruptedException {
        channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().messageId(messageId)
                .type("subtitle.translate.requested").deliveryMode(2).build(), body(messageId, jobId));
        GetResponse get = null;
        for (int i = 0; i < 100 && get == null; i++) {
            get = channel.basicGet(queue, false);
            if (get == null) {
                Thread.sleep(50);
            }
        }
        if (get == null) {
            throw new IllegalStateException("the message to reject never arrived");
        }
        channel.basicReject(get.getEnvelope().getDeliveryTag(), false);
    }

    long ready() throws IOException {
        return channel.messageCount(queue);
    }

    long deadLettered() throws IOException {
        return channel.messageCount(deadLetterQueue());
    }

    /** Takes every message of the work queue (acked), oldest first. */
    List<GetResponse> drainWorkQueue() throws IOException {
        List<GetResponse> all = new ArrayList<>();
        for (GetResponse get; (get = channel.basicGet(queue, true)) != null;) {
            all.add(get);
        }
        return all;
    }

    void deleteWorkQueue() throws IOException {
        channel.queueDelete(queue);
    }

    private static byte[] body(String id, String jobId) {
        return ("{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"type\":\"subtitle.download.requested\",\"subject\":\""
                + jobId + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException, TimeoutException {
        channel.queueDelete(queue);
        channel.queueDelete(deadLetterQueue());
        channel.exchangeDelete(deadLetterExchange);
        connection.close();
    }
}
