package dev.subtitles.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The manifests Quarkus generated at package time ({@code <module>/target/kubernetes/kubernetes.yml}, and the same
 * resources in {@code kubernetes.json}): every setting and credential comes from the Secret {@code subtitles-infra},
 * the token verification settings of the manager and the event-consumer from the ConfigMap {@code subtitles-auth}, no
 * manifest holds a credential, and the probes and scrapes of the manager and the event-consumer go to their
 * management port. Each worker scales with KEDA on the queue it consumes: the ScaledObject targets the worker's
 * Deployment, reads the worker's queue, and authenticates with the Secret the Deployment takes its settings from.
 */
class KubernetesManifestsIT {

    private static final Path ROOT = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CREDENTIALS = List.of("DB_USER", "DB_PASSWORD", "RABBITMQ_USER",
            "RABBITMQ_PASSWORD", "REDIS_URL", "RABBITMQ_URL");
    /** The management port the manager and the event-consumer are packaged with (MANAGEMENT_PORT's default). */
    private static final int MANAGEMENT_PORT = 9000;

    @ParameterizedTest
    @ValueSource(strings = { "migrations", "manager", "downloader", "translator", "event-consumer" })
    void noManifestHoldsACredential(String service) throws IOException {
        String yaml = Files.readString(manifests(service));

        assertThat(yaml).doesNotContainIgnoringCase("guest").doesNotContain("amqp://").doesNotContain("redis://")
                .doesNotContainPattern("(?m)^kind: Secret$").doesNotContainPattern("(?i)password\\s*[:=]");
        for (JsonNode variable : environment(container(workload(service)))) {
            String name = variable.path("name").asText();
            if (CREDENTIALS.contains(name) || name.startsWith("AUTH_") && !name.equals("AUTH_PUBLIC_KEY")) {
                assertThat(variable.has("value")).as("%s of %s is written in the manifest", name, service).isFalse();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "migrations", "manager", "downloader", "translator", "event-consumer" })
    void everySettingAndCredentialComesFromTheSecret(String service) throws IOException {
        JsonNode container = container(workload(service));

        assertThat(container.path("envFrom").findValuesAsText("name")).containsExactly("subtitles-infra");
        assertThat(container.path("envFrom").get(0).has("secretRef")).isTrue();
    }

    @Test
    void migrationsRunOnceAsAJobRetriedOnFailure() throws IOException {
        JsonNode job = resource("migrations", "Job");

        assertThat(job.path("spec").path("template").path("spec").path("restartPolicy").asText()).isEqualTo("OnFailure");
        assertThat(job.path("spec").path("backoffLimit").asInt()).isPositive();
        assertThat(container(job).has("ports")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "manager", "event-consumer" })
    void tokensAreVerifiedWithTheSettingsAndKeyOfTheConfigMap(String service) throws IOException {
        JsonNode deployment = deployment(service);
        JsonNode container = container(deployment);

        assertThat(configMapKey(container, "AUTH_ISSUER")).isEqualTo("subtitles-auth/issuer");
        assertThat(configMapKey(container, "AUTH_AUDIENCE")).isEqualTo("subtitles-auth/audience");
        JsonNode mount = only(container.path("volumeMounts"));
        assertThat(value(container, "AUTH_PUBLIC_KEY")).isEqualTo(mount.path("mountPath").asText() + "/public-key.pem");
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
        JsonNode volume = only(deployment.path("spec").path("template").path("spec").path("volumes"));
        assertThat(volume.path("name").asText()).isEqualTo(mount.path("name").asText());
        assertThat(volume.path("configMap").path("name").asText()).isEqualTo("subtitles-auth");
    }

    @ParameterizedTest
    @ValueSource(strings = { "manager", "event-consumer" })
    void probesAndScrapesGoToTheManagementPort(String service) throws IOException {
        JsonNode deployment = deployment(service);
        JsonNode container = container(deployment);

        assertThat(container.path("ports").findValues("containerPort").stream().map(JsonNode::asInt))
                .contains(MANAGEMENT_PORT);
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(container.path(probe).path("httpGet").path("port").asInt()).as(probe).isEqualTo(MANAGEMENT_PORT);
            assertThat(container.path(probe).path("httpGet").path("path").asText()).as(probe).startsWith("/q/health");
        }
        assertThat(deployment.path("spec").path("template").path("metadata").path("annotations")
                .path("prometheus.io/port").asText()).isEqualTo(Integer.toString(MANAGEMENT_PORT));
        assertThat(resource(service, "ServiceMonitor").path("spec").path("endpoints").get(0).path("targetPort").asInt())
                .isEqualTo(MANAGEMENT_PORT);
        assertThat(resource(service, "Service").path("spec").path("ports").findValues("targetPort").stream()
                .map(JsonNode::asInt)).as("the Service does not expose the management port")
                .doesNotContain(MANAGEMENT_PORT);
    }

    @ParameterizedTest
    @CsvSource({ "downloader, downloader.requests", "translator, translator.requests" })
    void workerScalesWithTheQueueItConsumes(String service, String queue) throws IOException {
        List<String> documents = documents(service);

        String scaledObject = only(documents, "ScaledObject");
        assertThat(value(scaledObject, "scaleTargetRef:\\s+name: (\\S+)")).contains(service);
        assertThat(value(scaledObject, "- type: (\\S+)")).contains("rabbitmq");
        assertThat(value(scaledObject, "queueName: (\\S+)")).contains(queue);
        assertThat(value(scaledObject, "mode: (\\S+)")).contains("QueueLength");
        assertThat(value(scaledObject, "minReplicaCount: (\\d+)").map(Integer::parseInt)).hasValueSatisfying(
                min -> assertThat(min).isPositive());

        String deployment = only(documents, "Deployment");
        assertThat(value(deployment, "(?m)^  name: (\\S+)")).contains(service);
        Optional<String> secret = value(deployment, "secretRef:\\s+name: (\\S+)");
        assertThat(secret).contains("subtitles-infra");

        String authentication = only(documents, "TriggerAuthentication");
        assertThat(value(authentication, "(?m)^  name: (\\S+)"))
                .isEqualTo(value(scaledObject, "authenticationRef:\\s+name: (\\S+)"));
        assertThat(value(authentication, "parameter: host\\s+name: (\\S+)")).isEqualTo(secret);
        assertThat(value(authentication, "key: (\\S+)")).contains("RABBITMQ_URL");
    }

    private static List<String> documents(String service) throws IOException {
        return Arrays.asList(Files.readString(manifests(service)).split("(?m)^---$"));
    }

    private static Path manifests(String service) {
        Path manifests = ROOT.resolve(service).resolve("target/kubernetes/kubernetes.yml");
        assertThat(manifests).as("packaged by the build before the e2e tests").exists();
        return manifests;
    }

    private static JsonNode resource(String service, String kind) throws IOException {
        Path manifests = ROOT.resolve(service).resolve("target/kubernetes/kubernetes.json");
        assertThat(manifests).as("packaged by the build before the e2e tests").exists();
        List<JsonNode> found = new ArrayList<>();
        JSON.readTree(manifests.toFile()).forEach(resource -> {
            if (resource.path("kind").asText().equals(kind)) {
                found.add(resource);
            }
        });
        assertThat(found).as("%s resources of %s", kind, service).hasSize(1);
        return found.get(0);
    }

    private static JsonNode deployment(String service) throws IOException {
        return resource(service, "Deployment");
    }

    /** What runs the module: the Job of the migrations, the Deployment of a service. */
    private static JsonNode workload(String module) throws IOException {
        return resource(module, module.equals("migrations") ? "Job" : "Deployment");
    }

    private static JsonNode container(JsonNode deployment) {
        return only(deployment.path("spec").path("template").path("spec").path("containers"));
    }

    private static JsonNode only(JsonNode array) {
        assertThat(array.size()).as("elements of %s", array).isEqualTo(1);
        return array.get(0);
    }

    private static List<JsonNode> environment(JsonNode container) {
        List<JsonNode> variables = new ArrayList<>();
        container.path("env").forEach(variables::add);
        return variables;
    }

    private static JsonNode variable(JsonNode container, String name) {
        return environment(container).stream().filter(variable -> variable.path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(name + " is not in the environment of " + container));
    }

    private static String value(JsonNode container, String name) {
        return variable(container, name).path("value").asText();
    }

    /** {@code <config map>/<key>} of a variable taken from a ConfigMap. */
    private static String configMapKey(JsonNode container, String name) {
        JsonNode reference = variable(container, name).path("valueFrom").path("configMapKeyRef");
        return reference.path("name").asText() + "/" + reference.path("key").asText();
    }

    private static String only(List<String> documents, String kind) {
        List<String> found = documents.stream().filter(document -> document.contains("\nkind: " + kind + "\n"))
                .toList();
        assertThat(found).as("%s documents", kind).hasSize(1);
        return found.get(0);
    }

    private static Optional<String> value(String document, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(document);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
