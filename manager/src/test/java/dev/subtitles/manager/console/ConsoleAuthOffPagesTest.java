package dev.subtitles.manager.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The console with authentication off: no token field, only a line saying none is needed. */
@QuarkusTest
@TestProfile(ConsoleAuthOffPagesTest.AuthenticationOff.class)
class ConsoleAuthOffPagesTest {

    /** Authentication off. */
    public static class AuthenticationOff implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("subtitles.auth.mode", "off");
        }
    }

    @Test
    void pagesSayAuthenticationIsOffAndAskForNoToken() {
        String page = ConsolePagesTest.html("/console");

        assertThat(page).contains("data-auth-mode=\"off\"", "Authentication is off: no token needed.")
                .doesNotContain("auth-token", "auth-form", "auth-sign-out");
    }
}
