package dev.subtitles.translator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * What {@code application.properties} resolves to in dev mode with and without the {@code docker} profile. Dev
 * Services start for a server whose address is absent (empty counts as absent), so this is what decides whether
 * {@code -Dquarkus.profile=dev,docker} runs the service on Docker containers or on the local servers.
 */
class DockerProfileTest {

    private static final List<String> SERVER_ADDRESSES = List.of("quarkus.datasource.reactive.url",
            "quarkus.redis.hosts", "rabbitmq-host", "rabbitmq-port");

    @Test
    void devModeAloneUsesTheLocalServersWithoutDevServices() throws IOException {
        SmallRyeConfig config = configWithProfiles("dev");

        assertThat(config.getValue("quarkus.datasource.reactive.url", String.class))
                .isEqualTo("postgresql://localhost:5432/subtitles");
        assertThat(config.getValue("quarkus.redis.hosts", String.class)).isEqualTo("redis://localhost:6379");
        assertThat(config.getValue("rabbitmq-host", String.class)).isEqualTo("localhost");
        assertThat(config.getValue("quarkus.datasource.devservices.enabled", Boolean.class)).isFalse();
        assertThat(config.getValue("quarkus.redis.devservices.enabled", Boolean.class)).isFalse();
        assertThat(config.getValue("quarkus.rabbitmq.devservices.enabled", Boolean.class)).isFalse();
    }

    @Test
    void dockerProfileLeavesEveryServerAddressUnsetAndEnablesDevServices() throws IOException {
        SmallRyeConfig config = configWithProfiles("dev", "docker");

        assertThat(SERVER_ADDRESSES).allSatisfy(name -> assertThat(config.getOptionalValue(name, String.class))
                .as(name).isEmpty());
        assertThat(config.getValue("quarkus.datasource.devservices.enabled", Boolean.class)).isTrue();
        assertThat(config.getValue("quarkus.redis.devservices.enabled", Boolean.class)).isTrue();
        assertThat(config.getValue("quarkus.rabbitmq.devservices.enabled", Boolean.class)).isTrue();
    }

    @Test
    void dockerProfileNamesTheSharedContainersAsTheOtherServicesDo() throws IOException {
        SmallRyeConfig config = configWithProfiles("dev", "docker");

        assertThat(config.getValue("quarkus.datasource.devservices.port", Integer.class)).isEqualTo(55432);
        assertThat(config.getValue("quarkus.datasource.devservices.db-name", String.class)).isEqualTo("subtitles");
        assertThat(config.getValue("quarkus.redis.devservices.service-name", String.class)).isEqualTo("subtitles");
        assertThat(config.getValue("quarkus.rabbitmq.devservices.service-name", String.class)).isEqualTo("subtitles");
        assertThat(config.getValue("quarkus.rabbitmq.devservices.port", Integer.class)).isEqualTo(55672);
    }

    private static SmallRyeConfig configWithProfiles(String... profiles) throws IOException {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withProfiles(List.of(profiles))
                .withSources(new PropertiesConfigSource(
                        DockerProfileTest.class.getClassLoader().getResource("application.properties")))
                .build();
    }
}
