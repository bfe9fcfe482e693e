package dev.subtitles.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * What the start says about authentication: a warning when it is off, and a refusal to start with {@code jwt} but no
 * public key (every request would be refused, with the reason only in the logs).
 */
@ApplicationScoped
public class AuthModeCheck {

    private static final Logger LOG = Logger.getLogger(AuthModeCheck.class);
    /** smallrye-jwt's value for "no key". */
    private static final String NO_KEY = "NONE";

    private final AuthConfig auth;
    private final Config config;

    public AuthModeCheck(AuthConfig auth, Config config) {
        this.auth = auth;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) {
        if (auth.mode() == AuthConfig.Mode.OFF) {
            LOG.warn("Authentication is OFF (subtitles.auth.mode=off, AUTH=off): every request acts as tenant"
                    + " 'default' with every role. For development only.");
            return;
        }
        if (NO_KEY.equals(config.getOptionalValue("mp.jwt.verify.publickey.location", String.class).orElse(NO_KEY))
                && NO_KEY.equals(config.getOptionalValue("mp.jwt.verify.publickey", String.class).orElse(NO_KEY))) {
            throw new IllegalStateException("subtitles.auth.mode is jwt but there is no public key to verify tokens"
                    + " with: set AUTH_PUBLIC_KEY (a PEM, JWK or JWKS file or URL), or AUTH=off for development");
        }
    }
}
