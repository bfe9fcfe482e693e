package dev.subtitles.manager.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** A real SSE client ({@code java.net.http}, lines as they stream in) of {@code /jobs/{id}/events/stream}. */
final class SseWatcher {

    /** HTTP/1.1: the default first tries an h2c upgrade, which is not what browsers do for SSE. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Reading a stream blocks until it ends: one thread per watcher, not the common pool. */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "sse-watcher");
        thread.setDaemon(true);
        return thread;
    });

    /** One dispatched event: {@code name} is null for plain (unnamed) events. */
    record SseEvent(String id, String name, String data) {
    }

    final List<SseEvent> events = new CopyOnWriteArrayList<>();
    final AtomicInteger comments = new AtomicInteger();
    final CompletableFuture<Void> ended = new CompletableFuture<>();
    volatile int status;
    volatile String contentType;
    volatile String body;

    static SseWatcher watch(URI base, UUID jobId, String lastEventId) {
        return watch(base, jobId.toString(), lastEventId);
    }

    static SseWatcher watch(URI base, String jobId, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create(base.toString().replaceAll("/$", "") + "/jobs/" + jobId + "/events/stream"))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        SseWatcher watcher = new SseWatcher();
        CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()).thenAcceptAsync(watcher::read, READERS)
                .exceptionally(failure -> {
                    watcher.ended.completeExceptionally(failure);
                    return null;
                });
        return watcher;
    }

    /** Sequence numbers ({@code id:}) of the plain events received, in arrival order. */
    List<Long> seqs() {
        return events.stream().filter(event -> event.name() == null).map(event -> Long.parseLong(event.id()))
                .toList();
    }

    Optional<SseEvent> end() {
        return events.stream().filter(event -> "end".equals(event.name())).findFirst();
    }

    private void read(HttpResponse<Stream<String>> response) {
        status = response.statusCode();
        contentType = response.headers().firstValue("Content-Type").orElse("");
        if (status != 200) {
            body = String.join("\n", response.body().toList());
            ended.complete(null);
            return;
        }
        String[] fields = new String[3];
        StringBuilder data = new StringBuilder();
        response.body().forEach(line -> {
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    events.add(new SseEvent(fields[0], fields[1], data.toString()));
                }
                fields[0] = null;
                fields[1] = null;
                data.setLength(0);
            } else if (line.startsWith(":")) {
                comments.incrementAndGet();
            } else if (line.startsWith("id:")) {
                fields[0] = value(line);
            } else if (line.startsWith("event:")) {
                fields[1] = value(line);
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(value(line));
            }
        });
        ended.complete(null);
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
