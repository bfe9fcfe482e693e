package dev.subtitles.common.config;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start a packaged service without database credentials. The prod profile has no default for
 * {@code DB_USER} and {@code DB_PASSWORD}, and Quarkus takes an unset one as "none" without a word: the service would
 * then connect without a user or password, which only a server trusting every local connection accepts.
 */
@ApplicationScoped
@IfBuildProfile("prod")
public class DatabaseCredentialsCheck {

    private static final String USER = "quarkus.datasource.username";
    private static final String PASSWORD = "quarkus.datasource.password";

    void check(@Observes StartupEvent start) {
        List<String> missing = missing(name -> ConfigProvider.getConfig().getOptionalValue(name, String.class));
        if (!missing.isEmpty()) {
            throw new IllegalStateException(String.join(" and ", missing) + " not set: the packaged services have"
                    + " no default database credentials (docs/operations.md)");
        }
    }

    /** The environment variables of the credentials {@code settings} has no value for. */
    static List<String> missing(Function<String, Optional<String>> settings) {
        return List.of(USER, PASSWORD).stream().filter(name -> settings.apply(name).filter(v -> !v.isBlank()).isEmpty())
                .map(name -> name.equals(USER) ? "DB_USER" : "DB_PASSWORD").toList();
    }
}
