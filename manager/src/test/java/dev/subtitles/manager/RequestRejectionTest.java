package dev.subtitles.manager;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.subtitles.manager.support.Jobs;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Input the manager cannot use never gets a 202 or a 500, and every refusal is a problem document naming what is
 * wrong, including those decided before routing.
 */
@QuarkusTest
class RequestRejectionTest {

    private static final String PROBLEM = "application/problem+json";

    @TestHTTPResource("/jobs")
    URI jobs;

    @Test
    void loneSurrogateInTheTitleIsRefusedNamingTheField() {
        given().contentType(ContentType.JSON).body(Jobs.body("Lone \\ud800 surrogate"))
                .when().post("/jobs")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", is("video.title"))
                .body("errors[0].message", containsString("unpaired UTF-16 surrogate"));
    }

    @Test
    void surrogatePairIsAccepted() {
        given().contentType(ContentType.JSON).body(Jobs.body("Smile \\ud83d\\ude00"))
                .when().post("/jobs")
                .then().statusCode(202)
                .body("video.title", is("Smile \uD83D\uDE00"));
    }

    @Test
    void nulInAListElementIsRefusedNamingTheElement() {
        given().contentType(ContentType.JSON).body("""
                {"video": {"title": "Heat"}, "language": "en", "preferredProviders": ["ok", "a\\u0000b"]}""")
                .when().post("/jobs")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", is("preferredProviders[1]"))
                .body("errors[0].message", containsString("NUL"));
    }

    @Test
    void nulInTheLegacyTitleIsRefusedNamingTheOriginalField() {
        given().contentType(ContentType.JSON).body("""
                {"video_title": "a\\u0000b", "language": "es"}""")
                .when().post("/subtitles/download")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", is("video_title"));
    }

    @Test
    void nulInTheIdempotencyKeyIsRefused() throws Exception {
        String body = Jobs.body("Heat");
        String response = rawRequest("POST /jobs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Idempotency-Key: key\u0000\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n"
                + body);

        // The HTTP decoder refuses a NUL in a header before routing, with a bare 400 (see README).
        assertThat(response).startsWith("HTTP/1.1 400");
    }

    @Test
    void postWithoutContentTypeIsAnUnsupportedMediaType() throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(jobs)
                        .POST(HttpRequest.BodyPublishers.ofString(Jobs.body("Heat"))).build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
    }

    @Test
    void bodyOverTheLimitSentWithoutALengthIsTooLarge() throws Exception {
        byte[] body = Jobs.body("x".repeat(70 * 1024)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(jobs)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
    }

    @Test
    void bodySentWithoutALengthIsAccepted() throws Exception {
        byte[] body = Jobs.body("Streamed").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(jobs).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"title\":\"Streamed\"");
    }

    @Test
    void tooLongUriIsAProblem() {
        given().queryParam("cursor", "x".repeat(5000)).when().get("/jobs")
                .then().statusCode(414)
                .contentType(PROBLEM)
                .body("status", is(414));
    }

    @Test
    void tooLargeHeadersAreAProblem() {
        given().header("X-Padding", "x".repeat(24 * 1024)).when().get("/jobs")
                .then().statusCode(431)
                .contentType(PROBLEM)
                .body("status", is(431));
    }

    @Test
    void limitThatIsNoNumberIsABadRequestNamingIt() {
        given().queryParam("limit", "abc").when().get("/jobs")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", is("limit"));
        given().queryParam("limit", "abc").when().get("/jobs/" + UUID.randomUUID() + "/events")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", is("limit"));
        given().queryParam("wait", "soon").when().get("/subtitles/" + UUID.randomUUID() + "/events")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", is("wait"));
    }

    @Test
    void pathEscapeThatDecodesToAnEscapeIsABadRequest() {
        // Decoded once it is "/jobs/%;" and the REST layer cannot decode the parameter "%"; used to be a 500.
        given().urlEncodingEnabled(false).when().get("/jobs/%25;")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("instance", is("/jobs/%25"));
    }

    /** Sends {@code request} as written, for what an HTTP client refuses to send, and returns the whole answer. */
    private String rawRequest(String request) throws Exception {
        try (Socket socket = new Socket(jobs.getHost(), jobs.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
