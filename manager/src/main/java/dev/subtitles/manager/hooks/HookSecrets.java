package dev.subtitles.manager.hooks;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

/** Makes the signing secrets of new hooks: {@value #PREFIX} and 32 random bytes, base64url. */
@ApplicationScoped
public class HookSecrets {

    static final String PREFIX = "whsec_";

    private static final int BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    String next() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
