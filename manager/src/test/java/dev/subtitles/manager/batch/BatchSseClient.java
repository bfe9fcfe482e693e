package dev.subtitles.manager.batch;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/** A real SSE client ({@code java.net.http}, lines as they stream in) of {@code /batches/{id}/events/stream}. */
final class BatchSseClient {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Reading a stream blocks until it ends: one thread per client. */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "batch-sse-client");
        thread.setDaemon(true);
        return thread;
    });

    /** One dispatched event: {@code name} is null for plain (unnamed) events. */
    record SseEvent(String name, String data) {
    }

    final List<SseEvent> events = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> ended = new CompletableFuture<>();
    volatile int status;
    volatile String body;

    static BatchSseClient watch(URI base, UUID batchId) {
        HttpRequest request = HttpRequest.newBuilder(
                URI.create(base.toString().replaceAll("/$", "") + "/batches/" + batchId + "/events/stream"))
                .header("Accept", "text/event-stream").build();
        BatchSseClient client = new BatchSseClient();
        CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAcceptAsync(client::read, READERS)
                .exceptionally(failure -> {
                    client.ended.completeExceptionally(failure);
                    return null;
                });
        return client;
    }

    /** The data of the events named {@code name} ({@code null}: the unnamed ones, the job events). */
    List<String> data(String name) {
        return events.stream().filter(event -> name == null ? event.name() == null : name.equals(event.name()))
                .map(SseEvent::data).toList();
    }

    private void read(HttpResponse<Stream<String>> response) {
        status = response.statusCode();
        if (status != 200) {
            body = String.join("\n", response.body().toList());
            ended.complete(null);
            return;
        }
        String[] name = new String[1];
        StringBuilder data = new StringBuilder();
        response.body().forEach(line -> {
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    events.add(new SseEvent(name[0], data.toString()));
                }
                name[0] = null;
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                name[0] = value(line);
            } else if (line.startsWith("data:")) {
                data.append(data.length() > 0 ? "\n" : "").append(value(line));
            }
        });
        ended.complete(null);
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
