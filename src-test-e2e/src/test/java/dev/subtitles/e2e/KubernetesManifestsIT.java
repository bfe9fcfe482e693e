package dev.subtitles.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The manifests Quarkus generated at package time ({@code <module>/target/kubernetes/kubernetes.yml}) scale each worker
 * with KEDA on the queue it consumes: the ScaledObject targets the worker's Deployment, reads the worker's queue, and
 * authenticates with the Secret the Deployment takes its settings from.
 */
class KubernetesManifestsIT {

    private static final Path ROOT = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();

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
        Path manifests = ROOT.resolve(service).resolve("target/kubernetes/kubernetes.yml");
        assertThat(manifests).as("packaged by the build before the e2e tests").exists();
        return Arrays.asList(Files.readString(manifests).split("(?m)^---$"));
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
