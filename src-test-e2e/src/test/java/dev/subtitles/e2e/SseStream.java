package dev.subtitles.e2e;

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

/**
 * A real Server-Sent Events client ({@code java.net.http}, lines as they stream in) of a manager's
 * {@code GET /jobs/{id}/events/stream}, recording the events it dispatches.
 */
final class SseStream {

    /** HTTP/1.1, as browsers speak SSE (the JDK default would first try an h2c upgrade). */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Reading a stream blocks until it ends: one thread per stream. */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "sse-stream");
        thread.setDaemon(true);
        return thread;
    });

    /** One dispatched event: {@code name} is null for plain (unnamed) events. */
    record SseEvent(String id, String name, String data) {
    }

    private final List<SseEvent> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> ended = new CompletableFuture<>();

    /** Starts following the job on the manager at {@code base}. */
    static SseStream follow(URI base, UUID jobId) {
        return follow(base, jobId, null);
    }

    /** As {@link #follow(URI, UUID)}, with {@code token} as bearer token (none when {@code null}). */
    static SseStream follow(URI base, UUID jobId, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "/events/stream"))
                .header("Accept", "text/event-stream");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.build();
        SseStream stream = new SseStream();
        CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAcceptAsync(stream::read, READERS)
                .exceptionally(failure -> {
                    stream.ended.completeExceptionally(failure);
                    return null;
                });
        return stream;
    }

    /** Completes with the response status once the server has ended the response. */
    CompletableFuture<Integer> ended() {
        return ended;
    }

    /** Plain events received so far. */
    int received() {
        return (int) events.stream().filter(event -> event.name() == null).count();
    }

    /** Sequence numbers ({@code id:}) of the plain events, in arrival order. */
    List<Long> seqs() {
        return events.stream().filter(event -> event.name() == null).map(event -> Long.parseLong(event.id()))
                .toList();
    }

    /** Data of the plain events (the history entries), in arrival order. */
    List<String> entries() {
        return events.stream().filter(event -> event.name() == null).map(SseEvent::data).toList();
    }

    /** Data of the {@code end} event, or {@code null} if none came. */
    String end() {
        return events.stream().filter(event -> "end".equals(event.name())).map(SseEvent::data).findFirst()
                .orElse(null);
    }

    private void read(HttpResponse<Stream<String>> response) {
        if (response.statusCode() != 200) {
            ended.complete(response.statusCode());
            return;
        }
        String[] idAndName = new String[2];
        StringBuilder data = new StringBuilder();
        response.body().forEach(line -> {
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    events.add(new SseEvent(idAndName[0], idAndName[1], data.toString()));
                }
                idAndName[0] = null;
                idAndName[1] = null;
                data.setLength(0);
            } else if (line.startsWith("id:")) {
                idAndName[0] = value(line);
            } else if (line.startsWith("event:")) {
                idAndName[1] = value(line);
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(value(line));
            }
        });
        ended.complete(response.statusCode());
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
