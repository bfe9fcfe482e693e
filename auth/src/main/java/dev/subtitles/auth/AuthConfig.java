package dev.subtitles.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How callers are authenticated (docs/security.md). The token's signature, issuer, audience and clock skew are
 * smallrye-jwt's own {@code mp.jwt.*} settings, set for both services in this module's
 * {@code META-INF/microprofile-config.properties}.
 */
@ConfigMapping(prefix = "subtitles.auth")
public interface AuthConfig {

    /** {@code jwt}: every request needs a bearer token; {@code off}: every request is tenant default with all roles. */
    @WithDefault("jwt")
    Mode mode();

    /** The token claim that names the caller's tenant. */
    @WithDefault("tenant")
    String tenantClaim();

    /** The authentication modes. */
    enum Mode {
        /** Bearer JWTs, verified with the configured public key. */
        JWT,
        /** No authentication: for development only. */
        OFF
    }
}
