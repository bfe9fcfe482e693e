package dev.subtitles.e2e;

import static dev.subtitles.e2e.TokenIssuer.ADMIN;
import static dev.subtitles.e2e.TokenIssuer.SUBMITTER;
import static dev.subtitles.e2e.TokenIssuer.VIEWER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.http.Method;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;

/**
 * Security as a client meets it (issue 19): the four packaged services with authentication on, tokens of a key pair
 * generated for the run ({@link TokenIssuer}), and a second manager on the same servers. Two tenants each submit a
 * job that ends {@code DONE}; every read route shows each tenant its own job and answers for the other's exactly as for
 * an unknown job. The submission rate is one bucket per tenant across both managers; the admin routes refuse a
 * submitter; without a token the API answers 401 while health stays open on the management port.
 */
class SecurityIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String TENANT_A = "tenant-a";
    private static final String TENANT_B = "tenant-b";
    /** The rate the managers are started with: a tenant's fourth submission within a second is refused. */
    private static final int BURST = 3;

    private static final E2eNames NAMES = E2eNames.withOwnDatabase();
    private static final Vertx CLIENT_LOOP = Vertx.vertx();
    private static final WebSocketClient WEB_SOCKETS = LiveSocket.client(CLIENT_LOOP, 10);
    private static TokenIssuer issuer;
    private static Stack stack;
    /** Tenant A's job, submitted through the first manager, and tenant B's, through the second; both DONE. */
    private static UUID jobA;
    private static UUID jobB;

    @BeforeAll
    static void startStackAndRunOneJobPerTenant() throws Exception {
        issuer = TokenIssuer.generate();
        Map<String, String> environment = new HashMap<>(issuer.withAuth(NAMES.environment()));
        environment.put("MANAGER_LIMITS_SUBMISSIONS_PER_SECOND", "1");
        environment.put("MANAGER_LIMITS_SUBMISSION_BURST", Integer.toString(BURST));
        stack = Stack.start(environment);
        stack.addInstance("manager", "manager-2", Map.of("MANAGER_INSTANCE", "manager-2"));

        jobA = submitted(submit(token(TENANT_A, SUBMITTER), 1));
        jobB = submitted(submit(token(TENANT_B, SUBMITTER), 2));
        awaitDone(token(TENANT_A, VIEWER), jobA);
        awaitDone(token(TENANT_B, VIEWER), jobB);
    }

    @AfterAll
    static void stopStack() throws Exception {
        try {
            if (stack != null) {
                stack.close();
            }
            NAMES.delete();
            if (issuer != null) {
                issuer.close();
            }
        } finally {
            CLIENT_LOOP.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void eachTenantReadsItsOwnJobAndItsEvents() {
        for (TenantJob own : List.of(new TenantJob(TENANT_A, jobA, 1), new TenantJob(TENANT_B, jobB, 2))) {
            String token = token(own.tenant(), VIEWER);
            as(token, own.manager()).get("/jobs/{id}", own.job()).then().statusCode(200);
            assertThat(as(token, own.manager()).get("/jobs/{id}/events", own.job()).then().statusCode(200)
                    .extract().jsonPath().getInt("eventCount")).isEqualTo(3);
            assertThat(as(token, own.manager()).get("/jobs/{id}/events?after=2&wait=5", own.job()).then()
                    .statusCode(200).extract().jsonPath().getList("events.seq", Integer.class)).containsExactly(3);
            as(token, own.manager()).get("/jobs/{id}/subtitle", own.job()).then().statusCode(200);
            as(token, own.manager()).get("/subtitles/{id}/events", own.job()).then().statusCode(200);
        }
    }

    @Test
    void anotherTenantsJobAnswersEveryReadRouteExactlyAsAnUnknownJob() {
        List<String> readRoutes = List.of("/jobs/{id}", "/jobs/{id}/events", "/jobs/{id}/events?after=2&wait=5",
                "/jobs/{id}/subtitle", "/jobs/{id}/subtitle/source", "/subtitles/{id}/events");
        for (String route : readRoutes) {
            assertAnsweredAsUnknown(Method.GET, route, token(TENANT_A, VIEWER), 1, jobB);
            assertAnsweredAsUnknown(Method.GET, route, token(TENANT_B, VIEWER), 2, jobA);
            assertAnsweredAsUnknown(Method.GET, route, token(TENANT_A, VIEWER), 2, jobB);
        }
    }

    @Test
    void listAndPhaseCountsShowEachTenantOnlyItsOwnJob() {
        for (TenantJob own : List.of(new TenantJob(TENANT_A, jobA, 2), new TenantJob(TENANT_B, jobB, 1))) {
            String token = token(own.tenant(), VIEWER);
            assertThat(as(token, own.manager()).get("/jobs").then().statusCode(200).extract().jsonPath()
                    .getList("jobs.id", String.class)).containsExactly(own.job().toString());
            Response counts = as(token, own.manager()).get("/jobs/phase-counts");
            assertThat(counts.statusCode()).isEqualTo(200);
            assertThat(counts.jsonPath().getInt("examined")).isEqualTo(1);
            assertThat(counts.jsonPath().getInt("counts.DONE")).isEqualTo(1);
        }
    }

    @Test
    void serverSentEventsFollowOnlyTheTenantsOwnJob() throws Exception {
        SseStream own = SseStream.follow(manager(1), jobA, token(TENANT_A, VIEWER));
        SseStream others = SseStream.follow(manager(1), jobB, token(TENANT_A, VIEWER));
        SseStream unknown = SseStream.follow(manager(1), UUID.randomUUID(), token(TENANT_A, VIEWER));

        assertThat(own.ended().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(own.seqs()).containsExactly(1L, 2L, 3L);
        assertThat(own.end()).isEqualTo("{\"phase\":\"DONE\"}");
        assertThat(others.ended().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(404);
        assertThat(unknown.ended().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(404);
    }

    @Test
    void webSocketFollowsOnlyTheTenantsOwnJobAndClosesOnTheOtherAsOnAnUnknownOne() throws Exception {
        String token = token(TENANT_B, VIEWER);
        LiveSocket own = LiveSocket.connect(WEB_SOCKETS, manager(2), jobB, token)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        LiveSocket others = LiveSocket.connect(WEB_SOCKETS, manager(2), jobA, token)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        LiveSocket unknown = LiveSocket.connect(WEB_SOCKETS, manager(2), UUID.randomUUID(), token)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(own.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(own.seqs()).containsExactly(1L, 2L, 3L);
        assertThat(own.endPhase()).isEqualTo("DONE");
        int unknownClose = unknown.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(unknownClose).isNotEqualTo(1000);
        assertThat(others.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(unknownClose);
        assertThat(others.messages()).isZero();
    }

    @Test
    void cancellingAnotherTenantsJobAnswersAsAnUnknownJob() {
        assertAnsweredAsUnknown(Method.DELETE, "/jobs/{id}", token(TENANT_A, SUBMITTER), 1, jobB);
        assertAnsweredAsUnknown(Method.DELETE, "/jobs/{id}", token(TENANT_B, SUBMITTER), 2, jobA);
        as(token(TENANT_A, SUBMITTER), 2).delete("/jobs/{id}", jobA).then().statusCode(409)
                .contentType("application/problem+json");
        assertThat(as(token(TENANT_B, VIEWER), 2).get("/jobs/{id}", jobB).then().statusCode(200).extract()
                .<String> path("phase")).isEqualTo("DONE");
    }

    @Test
    void submissionRateIsOneBucketPerTenantAcrossBothManagersAndRetryAfterSaysWhenToComeBack()
            throws InterruptedException {
        String token = token("tenant-rate", SUBMITTER);
        Instant first = Instant.now();
        int accepted = 0;
        Response refused = null;
        for (int attempt = 0; attempt < 2 * BURST + 2 && refused == null; attempt++) {
            Response answer = submit(token, 1 + attempt % 2);
            if (answer.statusCode() == 202) {
                accepted++;
            } else {
                refused = answer;
            }
        }
        Duration taken = Duration.between(first, Instant.now());

        assertThat(refused).as("a refusal after %d acceptances", accepted).isNotNull();
        // the bucket refills one token a second: a slow run may have earned one more per second it took
        assertThat(accepted).isBetween(BURST, BURST + (int) taken.toSeconds());
        assertTooManyRequests(refused);
        int secondManager = accepted % 2 == 0 ? 2 : 1;
        assertTooManyRequests(submit(token, secondManager));

        // waiting exactly as long as the answer says is the behaviour under test
        TimeUnit.SECONDS.sleep(Long.parseLong(refused.header("Retry-After")));

        assertThat(submit(token, secondManager).statusCode()).isEqualTo(202);
    }

    @Test
    void adminRoutesRefuseASubmitterAndLetAnAdminThrough() {
        String submitter = token("tenant-ops", SUBMITTER);
        String admin = token("tenant-ops", ADMIN);
        String deadLetters = "/admin/dead-letters/" + NAMES.queue("downloader");

        assertForbidden(as(submitter, 1).get("/admin/status"));
        assertForbidden(as(submitter, 2).get(deadLetters));
        assertForbidden(eventConsumer(submitter).post("/admin/rebuild"));
        assertForbidden(eventConsumer(submitter).post("/admin/rebuild/{id}", jobA));

        as(admin, 1).get("/admin/status").then().statusCode(200);
        as(admin, 2).get(deadLetters).then().statusCode(200);
        assertThat(eventConsumer(admin).post("/admin/rebuild/{id}", jobA).then().statusCode(200).extract()
                .<Integer> path("events")).isEqualTo(3);
    }

    @Test
    void withoutATokenTheApiAnswers401WhileHealthAndMetricsStayOpen() {
        for (URI api : List.of(manager(1), manager(2))) {
            Response answer = given().baseUri(api.toString()).get("/jobs/{id}", jobA);
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(answer.jsonPath().getString("type")).endsWith("unauthorized");
            assertThat(answer.jsonPath().getInt("status")).isEqualTo(401);
        }
        given().baseUri(stack.service("event-consumer").baseUri().toString()).post("/admin/rebuild")
                .then().statusCode(401).contentType("application/problem+json");

        for (String service : List.of("manager", "manager-2", "event-consumer")) {
            ServiceProcess process = stack.service(service);
            assertThat(process.healthUri()).as("%s has a management port", service)
                    .isNotEqualTo(process.baseUri());
            given().baseUri(process.healthUri().toString()).get("/q/health/ready").then().statusCode(200);
            given().baseUri(process.healthUri().toString()).get("/q/metrics").then().statusCode(200);
        }
    }

    /**
     * {@code method route} with {@code token} on a manager, for {@code othersJob}, answers 404 problem+json with the
     * very body it answers for an unknown job (the job id aside, which the problem names).
     */
    private static void assertAnsweredAsUnknown(Method method, String route, String token, int manager,
            UUID othersJob) {
        UUID unknownJob = UUID.randomUUID();
        Response others = as(token, manager).request(method, route, othersJob);
        Response unknown = as(token, manager).request(method, route, unknownJob);

        assertThat(others.statusCode()).as("%s %s for another tenant's job", method, route).isEqualTo(404);
        assertThat(others.contentType()).startsWith("application/problem+json");
        assertThat(unknown.statusCode()).as("%s %s for an unknown job", method, route).isEqualTo(404);
        assertThat(others.asString().replace(othersJob.toString(), "{id}"))
                .as("%s %s: another tenant's job and an unknown one", method, route)
                .isEqualTo(unknown.asString().replace(unknownJob.toString(), "{id}"));
    }

    private static void assertTooManyRequests(Response answer) {
        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.jsonPath().getString("type")).endsWith("too-many-requests");
        assertThat(answer.jsonPath().getInt("status")).isEqualTo(429);
        assertThat(answer.header("Retry-After")).isEqualTo("1");
    }

    private static void assertForbidden(Response answer) {
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.jsonPath().getString("type")).endsWith("forbidden");
    }

    private static String token(String tenant, String role) {
        return issuer.token(tenant, role);
    }

    /** A request to manager 1 or 2 with {@code token} as bearer token. */
    private static RequestSpecification as(String token, int manager) {
        return given().baseUri(manager(manager).toString()).auth().oauth2(token);
    }

    private static RequestSpecification eventConsumer(String token) {
        return given().baseUri(stack.service("event-consumer").baseUri().toString()).auth().oauth2(token);
    }

    private static URI manager(int instance) {
        return stack.service(instance == 1 ? "manager" : "manager-" + instance).baseUri();
    }

    /** Submits a library hit (The Lighthouse Clock in Spanish) to manager 1 or 2. */
    private static Response submit(String token, int manager) {
        return as(token, manager).contentType(ContentType.JSON)
                .body(Map.of("video", Map.of("title", "The Lighthouse Clock", "year", 2011), "language", "es"))
                .post("/jobs");
    }

    private static UUID submitted(Response answer) {
        assertThat(answer.statusCode()).as("submission answered %s", answer.asString()).isEqualTo(202);
        return UUID.fromString(answer.jsonPath().getString("id"));
    }

    private static void awaitDone(String token, UUID job) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> "DONE".equals(
                as(token, 1).get("/jobs/{id}", job).then().statusCode(200).extract().path("phase")));
    }

    /** A tenant, its job, and the manager (1 or 2) a test reads it through. */
    private record TenantJob(String tenant, UUID job, int manager) {
    }
}
