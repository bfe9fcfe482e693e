package dev.subtitles.e2e.chaos;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;

/**
 * Publishes malformed messages, each carrying a marker, straight into each work queue and through the run's exchange
 * while the usual jobs run. Each copy must end in the DLQ of the queue it reached, once, with an
 * {@code x-dead-letter-reason} header, without being redelivered over and over first (no hot loop); and the jobs must
 * still end (the consumers keep going).
 */
public final class PoisonAmqpFault implements Fault {

    private static final Duration DEAD_LETTER_BOUND = Duration.ofSeconds(45);
    private static final int HOT_LOOP_DELIVERIES = 5;
    private static final List<String> CONSUMERS = List.of("downloader", "translator", "event-consumer");
    private static final Pattern MARKER = Pattern.compile("poison-[0-9a-f]{8}-\\d+");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    /** marker -> the queues its copies must reach */
    private final Map<String, Set<String>> expected = new LinkedHashMap<>();
    private final Map<String, String> kinds = new HashMap<>();

    @Override
    public String name() {
        return "poison AMQP messages";
    }

    @Override
    public int jobs(int usual) {
        return Math.min(usual, 9);
    }

    @Override
    public void apply(FaultContext context) throws Exception {
        expected.clear();
        kinds.clear();
        try (Channel channel = context.stack().broker().createChannel()) {
            channel.confirmSelect();
            int n = 0;
            for (String consumer : CONSUMERS) {
                String queue = context.stack().names().queue(consumer);
                for (Poison poison : poisons(consumer)) {
                    String marker = "poison-" + run + "-" + n++;
                    channel.basicPublish("", queue, poison.properties(marker), poison.body(marker));
                    expect(marker, poison.kind(), consumer);
                }
            }
            // through the exchange: the bindings decide the queues (the projection takes subtitle.# and job.#)
            String exchange = context.stack().names().exchange();
            for (Poison poison : poisons("exchange")) {
                for (String key : List.of("subtitle.download.requested", "subtitle.translate.requested",
                        "job.no-such-type")) {
                    String marker = "poison-" + run + "-" + n++;
                    channel.basicPublish(exchange, key, poison.properties(marker), poison.body(marker));
                    expect(marker, poison.kind() + " via " + key, "event-consumer");
                    if (key.equals("subtitle.download.requested")) {
                        expected.get(marker).add("downloader");
                    } else if (key.equals("subtitle.translate.requested")) {
                        expected.get(marker).add("translator");
                    }
                }
            }
            channel.waitForConfirmsOrDie(30_000);
        }
        Scenario.log("published %d poison messages", expected.size());
    }

    @Override
    public void verify(FaultContext context) throws Exception {
        Map<String, List<String>> found = new HashMap<>();
        List<String> problems = new ArrayList<>();
        Instant deadline = Instant.now().plus(DEAD_LETTER_BOUND);
        try (Channel channel = context.stack().broker().createChannel()) {
            while (!allFound(found) && Instant.now().isBefore(deadline)) {
                boolean any = false;
                for (String consumer : CONSUMERS) {
                    String dlq = context.stack().names().queue(consumer) + ".dlq";
                    GetResponse message;
                    while ((message = channel.basicGet(dlq, true)) != null) {
                        any = true;
                        inspect(consumer, message, found, problems);
                    }
                }
                if (!any) {
                    Thread.sleep(500);
                }
            }
        }
        for (Map.Entry<String, Set<String>> wanted : expected.entrySet()) {
            List<String> copies = found.getOrDefault(wanted.getKey(), List.of());
            for (String queue : wanted.getValue()) {
                long count = copies.stream().filter(queue::equals).count();
                if (count != 1) {
                    problems.add(kinds.get(wanted.getKey()) + " into " + queue + ": " + count
                            + " copies in its DLQ (" + wanted.getKey() + ")");
                }
            }
        }
        problems.forEach(context::problem);
    }

    private boolean allFound(Map<String, List<String>> found) {
        return expected.entrySet().stream().allMatch(wanted -> new TreeSet<>(found.getOrDefault(wanted.getKey(),
                List.of())).containsAll(wanted.getValue()));
    }

    private void inspect(String consumer, GetResponse message, Map<String, List<String>> found,
            List<String> problems) {
        String head = new String(message.getBody(), 0, Math.min(message.getBody().length, 4096),
                StandardCharsets.ISO_8859_1);
        Matcher matcher = MARKER.matcher(head);
        String marker = matcher.find() ? matcher.group() : null;
        Map<String, Object> headers = message.getProps().getHeaders() == null ? Map.of()
                : message.getProps().getHeaders();
        if (marker == null && message.getProps().getMessageId() != null
                && MARKER.matcher(message.getProps().getMessageId()).matches()) {
            marker = message.getProps().getMessageId();
        }
        if (marker == null || !expected.containsKey(marker)) {
            return;
        }
        found.computeIfAbsent(marker, key -> new ArrayList<>()).add(consumer);
        String kind = kinds.get(marker) + " into " + consumer;
        if (!headers.containsKey("x-dead-letter-reason")) {
            problems.add(kind + ": DLQ copy without x-dead-letter-reason (headers " + headers.keySet() + ")");
        }
        Object deliveries = headers.get("x-delivery-count");
        if (deliveries instanceof Number number && number.intValue() >= HOT_LOOP_DELIVERIES) {
            problems.add(kind + ": delivered " + number + " times before it was dead-lettered");
        }
    }

    private void expect(String marker, String kind, String consumer) {
        expected.computeIfAbsent(marker, key -> new TreeSet<>()).add(consumer);
        kinds.put(marker, kind);
    }

    /** The poisons for one destination; a well-formed event of the wrong type is poison only to a worker. */
    private static List<Poison> poisons(String destination) {
        List<Poison> poisons = new ArrayList<>(List.of(
                new Poison("truncated JSON", "application/cloudevents+json",
                        marker -> "{\"specversion\":\"1.0\",\"id\":\"" + marker + "\",\"type\":"),
                new Poison("not JSON", "application/cloudevents+json", marker -> marker + " is not JSON at all"),
                new Poison("JSON array", "application/cloudevents+json", marker -> "[\"" + marker + "\"]"),
                new Poison("id of the wrong type", "application/cloudevents+json",
                        marker -> event(marker, "12345", "subtitle.download.requested", UUID.randomUUID().toString(),
                                "{\"video\":{\"title\":\"x\"},\"language\":\"es\",\"format\":\"srt\"}")),
                new Poison("unknown event type", "application/cloudevents+json",
                        marker -> event(marker, "\"" + UUID.randomUUID() + "\"", "subtitle.no-such-type",
                                UUID.randomUUID().toString(), "{}")),
                new Poison("payload of the wrong shape", "application/cloudevents+json",
                        marker -> event(marker, "\"" + UUID.randomUUID() + "\"", "subtitle.download.requested",
                                UUID.randomUUID().toString(), "{\"video\":\"" + marker + "\",\"language\":7}")),
                new Poison("subject not a UUID", "application/cloudevents+json",
                        marker -> event(marker, "\"" + UUID.randomUUID() + "\"", "job.failed", "not-a-uuid",
                                "{\"stage\":\"DOWNLOAD\",\"errorCode\":\"X\",\"message\":\"m\"}")),
                new Poison("wrong content type", "text/plain", marker -> "{\"marker\":\"" + marker + "\"}"),
                new Poison("huge (2 MiB)", "application/cloudevents+json",
                        marker -> "{\"id\":\"" + marker + "\",\"padding\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}"),
                new Poison("invalid UTF-8", "application/cloudevents+json", null)));
        if (!destination.equals("event-consumer") && !destination.equals("exchange")) {
            poisons.add(new Poison("valid event of another type", "application/cloudevents+json",
                    marker -> event(marker, "\"" + UUID.randomUUID() + "\"", "job.cancel.requested",
                            UUID.randomUUID().toString(), "{\"reason\":\"" + marker + "\"}")));
        }
        return poisons;
    }

    private static String event(String marker, String id, String type, String subject, String data) {
        return "{\"specversion\":\"1.0\",\"id\":" + id + ",\"type\":\"" + type + "\",\"source\":\"/chaos/" + marker
                + "\",\"subject\":\"" + subject + "\",\"time\":\"2026-01-01T00:00:00.000000Z\","
                + "\"datacontenttype\":\"application/json\",\"dataschema\":\"urn:subtitles:" + type + ":v1\","
                + "\"data\":" + data + "}";
    }

    /** One kind of poison: a body around the marker ({@code null}: invalid UTF-8 bytes then the marker). */
    private record Poison(String kind, String contentType, java.util.function.Function<String, String> text) {

        byte[] body(String marker) {
            if (text == null) {
                byte[] tail = marker.getBytes(StandardCharsets.US_ASCII);
                byte[] body = new byte[tail.length + 4];
                body[0] = (byte) 0xC3;
                body[1] = (byte) 0x28;
                body[2] = (byte) 0xFF;
                body[3] = 0;
                System.arraycopy(tail, 0, body, 4, tail.length);
                return body;
            }
            return text.apply(marker).getBytes(StandardCharsets.UTF_8);
        }

        AMQP.BasicProperties properties(String marker) {
            return new AMQP.BasicProperties.Builder().contentType(contentType).deliveryMode(2).messageId(marker)
                    .build();
        }
    }
}
