package dev.subtitles.e2e.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.subtitles.common.phase.JobPhase;

/**
 * The manager's HTTP API as the chaos suite uses it, with bounded timeouts everywhere. The manager's address is asked
 * for at each call, because a restarted manager listens on another port.
 */
public final class ManagerClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Supplier<URI> baseUri;
    /** HTTP/1.1: by default the JDK client asks a plain-HTTP server to upgrade to HTTP/2, unlike most clients. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    public ManagerClient(Supplier<URI> baseUri) {
        this.baseUri = baseUri;
    }

    /** The phase of a job, or empty when the manager does not answer with one (down, 404, 5xx). */
    public Optional<JobPhase> phase(UUID job) {
        try {
            HttpResponse<String> answer = send(request("/jobs/" + job).GET());
            if (answer.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(JobPhase.valueOf(JSON.readTree(answer.body()).path("phase").asText()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Submits a job; returns its id for a 202 (or a 200 replay of the same Idempotency-Key), empty for any other
     * answer or no answer.
     */
    public Optional<UUID> submit(String body, String idempotencyKey) {
        HttpRequest.Builder request = request("/jobs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            HttpResponse<String> answer = send(request);
            if (answer.statusCode() != 202 && answer.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(UUID.fromString(JSON.readTree(answer.body()).path("id").asText()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The whole audit trail (every page), or empty if the manager did not answer it. */
    public Optional<Trail> trail(UUID job) {
        List<ObservedEvent> events = new ArrayList<>();
        long eventCount = 0;
        String cursor = null;
        try {
            for (int page = 0; page < 100; page++) {
                String path = "/jobs/" + job + "/events?limit=100" + (cursor == null ? "" : "&cursor=" + cursor);
                HttpResponse<String> answer = send(request(path).GET());
                if (answer.statusCode() != 200) {
                    return Optional.empty();
                }
                JsonNode body = JSON.readTree(answer.body());
                eventCount = body.path("eventCount").asLong();
                body.path("events").forEach(entry -> events.add(ObservedEvent.of(entry)));
                cursor = body.path("nextCursor").isTextual() ? body.path("nextCursor").asText() : null;
                if (cursor == null) {
                    return Optional.of(new Trail(events, eventCount));
                }
            }
            return Optional.of(new Trail(events, eventCount));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code DELETE /jobs/{id}}. */
    public HttpResponse<String> cancel(UUID job) throws IOException, InterruptedException {
        return send(request("/jobs/" + job).DELETE());
    }

    /** A request to the manager built by the caller from a path (raw: not encoded again). */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUri.get() + path)).timeout(TIMEOUT);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A job's audit trail: its entries (newest first, as answered) and the trail's own count. */
    public record Trail(List<ObservedEvent> events, long eventCount) {
    }
}
