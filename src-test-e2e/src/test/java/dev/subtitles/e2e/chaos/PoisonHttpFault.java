package dev.subtitles.e2e.chaos;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Bad input to the manager while the usual jobs run: strings PostgreSQL cannot store (lone UTF-16 surrogates, NUL),
 * huge and deeply nested bodies, wrong types, missing or wrong Content-Type, bad query parameters and paths. Every
 * answer must be a 4xx with {@code Content-Type: application/problem+json}, never a 5xx; a request answered 202
 * anyway is recorded as a problem and its job must still end like any other.
 */
public final class PoisonHttpFault implements Fault {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALID = JobKind.FOUND.body(0);

    @Override
    public String name() {
        return "poison HTTP input";
    }

    @Override
    public int jobs(int usual) {
        return Math.min(usual, 9);
    }

    @Override
    public void apply(FaultContext context) throws Exception {
        ManagerClient manager = context.stack().manager();
        List<String> answers = new ArrayList<>();
        for (Request poison : requests()) {
            HttpResponse<String> answer;
            try {
                answer = manager.send(poison.build().apply(manager.request(poison.path())));
            } catch (IOException | IllegalArgumentException e) {
                answers.add(poison.name() + ": no answer (" + e.getMessage() + ")");
                continue;
            }
            String type = answer.headers().firstValue("Content-Type").orElse("none");
            int status = answer.statusCode();
            answers.add(poison.name() + ": " + status + " " + type);
            if (status == 202 || status == 200 && poison.path().equals("/jobs")) {
                context.problem(poison.name() + ": accepted with " + status + " (" + abbreviate(answer.body())
                        + ")");
                String id = JSON.readTree(answer.body()).path("id").asText();
                context.track(UUID.fromString(id));
            } else if (status < 400 || status >= 500 || !type.startsWith("application/problem+json")) {
                context.problem(poison.name() + ": " + status + " " + type + " " + abbreviate(answer.body()));
            }
        }
        Scenario.log("poison HTTP answers:%n  %s", String.join("\n  ", answers));
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ");
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "..." : oneLine;
    }

    /** The poison requests: a name, a raw path (not encoded again), and how to finish the request. */
    static List<Request> requests() {
        String job = UUID.randomUUID().toString();
        return List.of(
                post("lone high surrogate in title", json("Lone \\ud800 surrogate")),
                post("lone low surrogate in title", json("Lone \\udc00 surrogate")),
                post("NUL in title", json("a\\u0000b")),
                post("NUL in language",
                        "{\"video\":{\"title\":\"Paper Boats\",\"year\":2015},\"language\":\"e\\u0000s\"}"),
                new Request("surrogate as raw CESU-8 bytes", "/jobs", request -> request
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(cesu8Body()))),
                post("huge body (1 MiB title)", json("x".repeat(1024 * 1024))),
                post("deeply nested JSON", "{\"video\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}"),
                post("wrong types", "{\"video\":{\"title\":42,\"year\":\"abc\"},\"language\":true}"),
                post("video as an array", "{\"video\":[1,2],\"language\":\"es\"}"),
                post("year out of range", "{\"video\":{\"title\":\"x\",\"year\":99999999999},\"language\":\"es\"}"),
                post("malformed JSON", "{\"video\":"),
                post("empty body", ""),
                post("JSON null", "null"),
                new Request("POST without Content-Type", "/jobs", request -> request
                        .POST(HttpRequest.BodyPublishers.ofString(VALID))),
                new Request("POST as text/plain", "/jobs", request -> request
                        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(VALID))),
                new Request("Idempotency-Key of 300 characters", "/jobs", request -> request
                        .header("Content-Type", "application/json").header("Idempotency-Key", "k".repeat(300))
                        .POST(HttpRequest.BodyPublishers.ofString(VALID))),
                get("limit=abc", "/jobs?limit=abc"),
                get("unknown phase filter", "/jobs?phase=NOPE"),
                get("bad cursor", "/jobs?cursor=%00%ff"),
                get("GET /jobs/%25;", "/jobs/%25;"),
                get("job id not a UUID", "/jobs/not-a-uuid"),
                get("events with limit=abc", "/jobs/" + job + "/events?limit=abc"),
                get("events with wait=abc", "/jobs/" + job + "/events?wait=abc"),
                get("subtitle in an unknown format", "/jobs/" + job + "/subtitle?format=exe"),
                new Request("DELETE of a malformed id", "/jobs/not-a-uuid", HttpRequest.Builder::DELETE),
                get("URI of 20,000 characters", "/jobs/" + "a".repeat(20_000)),
                new Request("header of 40 KiB", "/jobs/" + job, request -> request
                        .header("X-Chaos", "h".repeat(40 * 1024)).GET()));
    }

    private static String json(String title) {
        return "{\"video\":{\"title\":\"" + title + "\",\"year\":2011},\"language\":\"es\"}";
    }

    private static byte[] cesu8Body() {
        byte[] head = "{\"video\":{\"title\":\"a".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "b\",\"year\":2011},\"language\":\"es\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + 3 + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xED;
        body[head.length + 1] = (byte) 0xA0;
        body[head.length + 2] = (byte) 0x80;
        System.arraycopy(tail, 0, body, head.length + 3, tail.length);
        return body;
    }

    private static Request post(String name, String body) {
        return new Request(name, "/jobs", request -> request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static Request get(String name, String path) {
        return new Request(name, path, HttpRequest.Builder::GET);
    }

    record Request(String name, String path, UnaryOperator<HttpRequest.Builder> build) {
    }
}
