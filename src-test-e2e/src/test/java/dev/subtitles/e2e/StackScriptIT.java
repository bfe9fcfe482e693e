package dev.subtitles.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The README's first command, as a newcomer runs it: {@code ./stack up} on a machine whose database does not exist
 * yet creates it, makes the token signing key pair and starts the four packaged services, {@code ./stack demo} shows
 * the three kinds of job ending as they should with a token, {@code ./stack token} prints tokens the manager accepts,
 * {@code ./stack down} stops everything. The run has names, ports and a state directory of its own, so a stack the
 * developer runs is left alone.
 */
class StackScriptIT {

    private static final Path ROOT = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final E2eNames names = E2eNames.withNewDatabase();
    private final Map<String, String> environment = new HashMap<>(names.environment());
    private Path state;

    @AfterEach
    void cleanUp() throws Exception {
        if (state != null) {
            stack("down");
            try (Stream<Path> files = Files.walk(state)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        names.delete();
    }

    @Test
    void upCreatesTheDatabaseAndDemoEndsEachKindOfJobAsItShould() throws Exception {
        state = Files.createTempDirectory("stack-it");
        environment.put("STACK_DIR", state.toString());
        for (String port : new String[] { "MANAGER_PORT", "DOWNLOADER_PORT", "TRANSLATOR_PORT", "EVENT_CONSUMER_PORT",
                "APY_PORT", "MANAGER_MANAGEMENT_PORT", "EVENT_CONSUMER_MANAGEMENT_PORT" }) {
            environment.put(port, Integer.toString(freePort()));
        }

        Result up = stack("up");
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).contains("creating the database " + names.database())
                .contains("made the token signing key pair").contains("all services are healthy");
        Path privateKey = state.resolve("keys/jwt-private.pem");
        assertThat(Files.getPosixFilePermissions(privateKey)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);

        Result demo = stack("demo");
        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("subtitle.ready").contains("subtitle.translated").contains("job.failed")
                .contains("all three jobs ended as they should")
                .contains("http://localhost:" + environment.get("MANAGER_PORT") + "/")
                .contains("sign in by pasting this token");

        Result token = stack("token", "acme", "viewer,admin");
        assertThat(token.exitCode()).as(token.output()).isZero();
        JsonNode claims = verifiedClaims(token.output().strip());
        assertThat(claims.path("iss").asText()).isEqualTo("subtitles");
        assertThat(claims.path("aud").asText()).isEqualTo("subtitles");
        assertThat(claims.path("tenant").asText()).isEqualTo("acme");
        assertThat(claims.path("sub").asText()).isNotBlank();
        assertThat(claims.path("groups").toString()).isEqualTo("[\"viewer\",\"admin\"]");
        long now = Instant.now().getEpochSecond();
        assertThat(claims.path("iat").asLong()).isBetween(now - 60, now);
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(12 * 3600);

        // the manager's authentication (issue 19): the stack's token is accepted, no token is refused
        assertThat(get("/jobs", token.output().strip()).statusCode()).isEqualTo(200);
        HttpResponse<String> anonymous = get("/jobs", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));

        Result down = stack("down");
        assertThat(down.exitCode()).as(down.output()).isZero();
        Result status = stack("status");
        assertThat(status.output().lines()).hasSize(4).allSatisfy(line -> assertThat(line).endsWith("stopped"));
    }

    @Test
    void tokenRefusesABadTenantOrRoleAndUpABadAuthMode() throws Exception {
        state = Files.createTempDirectory("stack-it");
        environment.put("STACK_DIR", state.toString());

        Result badTenant = stack("token", "-acme");
        assertThat(badTenant.exitCode()).isNotZero();
        assertThat(badTenant.output()).contains("tenant '-acme' is not a tenant id");
        Result longTenant = stack("token", "a".repeat(65));
        assertThat(longTenant.exitCode()).isNotZero();
        assertThat(longTenant.output()).contains("is not a tenant id");
        Result badRole = stack("token", "acme", "submitter,root");
        assertThat(badRole.exitCode()).isNotZero();
        assertThat(badRole.output()).contains("unknown role 'root'");
        Result noTenant = stack("token");
        assertThat(noTenant.exitCode()).isNotZero();
        assertThat(noTenant.output()).contains("usage: ./stack token <tenant> [roles]");

        environment.put("AUTH", "none");
        Result badMode = stack("up");
        assertThat(badMode.exitCode()).isNotZero();
        assertThat(badMode.output()).contains("AUTH must be jwt or off");
    }

    /** The claims of {@code token} once its RS256 signature is checked with the stack's public key. */
    private JsonNode verifiedClaims(String token) throws Exception {
        String[] parts = token.split("\\.");
        assertThat(parts).as(token).hasSize(3);
        Base64.Decoder base64url = Base64.getUrlDecoder();
        assertThat(JSON.readTree(base64url.decode(parts[0])).path("alg").asText()).isEqualTo("RS256");
        String pem = Files.readString(state.resolve("keys/jwt-public.pem"));
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""))));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(key);
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(signature.verify(base64url.decode(parts[2]))).as("signature of %s", token).isTrue();
        return JSON.readTree(base64url.decode(parts[1]));
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + environment.get("MANAGER_PORT") + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Result stack(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(ROOT.resolve("stack").toString()),
                Stream.of(command)).toList()).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("./stack %s finished: %s", command, output).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private record Result(int exitCode, String output) {
    }
}
