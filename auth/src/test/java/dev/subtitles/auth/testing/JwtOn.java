package dev.subtitles.auth.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Authentication on ({@code subtitles.auth.mode=jwt}), tokens verified with the test key pair's public key: the
 * profile of the tests about authentication, tenants and roles (the others run with it off, as {@code %test} is).
 * Subclasses add their settings to this profile's.
 */
public class JwtOn implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("subtitles.auth.mode", "jwt");
        config.put("mp.jwt.verify.publickey.location", "auth-test/public-key.pem");
        return config;
    }
}
