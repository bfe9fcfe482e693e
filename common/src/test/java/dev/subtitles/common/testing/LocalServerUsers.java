package dev.subtitles.common.testing;

import java.util.Map;

/**
 * The users of the local servers, as the environment variables a packaged service reads them from: a test that starts
 * one as a process passes them, because the prod profile has no default credentials.
 */
public final class LocalServerUsers {

    /** {@code RABBITMQ_USER}, {@code RABBITMQ_PASSWORD}, {@code DB_USER} and {@code DB_PASSWORD} of the local servers. */
    public static final Map<String, String> ENVIRONMENT = Map.of(
            "RABBITMQ_USER", "guest",
            "RABBITMQ_PASSWORD", "guest",
            "DB_USER", "postgres",
            "DB_PASSWORD", "postgres");

    private LocalServerUsers() {
    }
}
