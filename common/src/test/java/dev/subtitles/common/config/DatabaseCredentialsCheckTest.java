package dev.subtitles.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class DatabaseCredentialsCheckTest {

    @Test
    void namesEachMissingVariable() {
        assertThat(DatabaseCredentialsCheck.missing(name -> Optional.empty())).containsExactly("DB_USER",
                "DB_PASSWORD");
        assertThat(DatabaseCredentialsCheck.missing(settings(Map.of("quarkus.datasource.username", "app"))))
                .containsExactly("DB_PASSWORD");
    }

    @Test
    void takesABlankValueAsMissing() {
        assertThat(DatabaseCredentialsCheck.missing(settings(Map.of("quarkus.datasource.username", " ",
                "quarkus.datasource.password", "secret")))).containsExactly("DB_USER");
    }

    @Test
    void passesWhenBothAreSet() {
        assertThat(DatabaseCredentialsCheck.missing(settings(Map.of("quarkus.datasource.username", "app",
                "quarkus.datasource.password", "secret")))).isEmpty();
    }

    private static Function<String, Optional<String>> settings(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }
}
