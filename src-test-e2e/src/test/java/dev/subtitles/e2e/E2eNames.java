package dev.subtitles.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * Exchange, queue and Redis key names of one end-to-end run, so that it neither disturbs nor is disturbed by a
 * running stack or another test on the same servers; {@link #delete()} removes what the run declared.
 */
final class E2eNames {

    private final String prefix = "e2e-" + UUID.randomUUID().toString().substring(0, 8);

    String exchange() {
        return prefix + ".subtitle.events";
    }

    /** The projection's pub/sub channel of this run (the event-consumer announces each projected entry there). */
    String projectionChannel() {
        return prefix + ":job-events";
    }

    /** Environment of the four services: the names of this run, the test database, the local library only. */
    Map<String, String> environment() {
        return Map.of(
                "DB_NAME", "subtitles_test",
                "EVENTS_EXCHANGE", exchange(),
                "EVENTS_DEAD_LETTER_EXCHANGE", prefix + ".subtitle.events.dlx",
                "DOWNLOADER_QUEUE", prefix + ".downloader.requests",
                "TRANSLATOR_QUEUE", prefix + ".translator.requests",
                "PROJECTION_QUEUE", prefix + ".event-consumer.projection",
                "PROJECTION_KEY_PREFIX", prefix + ":",
                "DOWNLOADER_PROVIDERS", "library");
    }

    /** Deletes the queues and exchanges whose names start with this run's prefix. */
    void delete() throws IOException, TimeoutException, InterruptedException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("localhost");
        try (Connection connection = factory.newConnection("e2e-cleanup");
                Channel channel = connection.createChannel()) {
            for (String queue : list("list_queues")) {
                channel.queueDelete(queue);
            }
            for (String exchange : list("list_exchanges")) {
                channel.exchangeDelete(exchange);
            }
        }
    }

    private List<String> list(String what) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("rabbitmqctl", "-q", what, "name").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output.lines().map(String::trim).filter(name -> name.startsWith(prefix)).toList();
    }
}
