package dev.subtitles.auth.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Bearer tokens for tests, made with the JDK alone: RS256 signed with the test key pair's private key
 * ({@code auth-test/private-key.pem}), whose public key {@link JwtOn} configures. Each {@code with...} changes one
 * thing, so that a test says what is wrong with its token.
 *
 * @param issuer {@code iss}
 * @param audience {@code aud}
 * @param tenant the tenant claim, or {@code null} for a token without one
 * @param roles {@code groups}
 * @param expiresAt {@code exp}
 * @param key the signing key
 */
public record TestTokens(String issuer, String audience, String tenant, List<String> roles, Instant expiresAt,
        PrivateKey key) {

    private static final PrivateKey TEST_KEY = readTestKey();

    /** A valid token of {@code tenant} with {@code roles}, for an hour. */
    public static TestTokens of(String tenant, String... roles) {
        return new TestTokens("subtitles", "subtitles", tenant, List.of(roles),
                Instant.now().plus(Duration.ofHours(1)), TEST_KEY);
    }

    /** The {@code Authorization} header value of a valid token of {@code tenant} with {@code roles}. */
    public static String bearer(String tenant, String... roles) {
        return of(tenant, roles).bearer();
    }

    public TestTokens withIssuer(String otherIssuer) {
        return new TestTokens(otherIssuer, audience, tenant, roles, expiresAt, key);
    }

    public TestTokens withAudience(String otherAudience) {
        return new TestTokens(issuer, otherAudience, tenant, roles, expiresAt, key);
    }

    public TestTokens withTenant(String otherTenant) {
        return new TestTokens(issuer, audience, otherTenant, roles, expiresAt, key);
    }

    public TestTokens expiredAt(Instant expiry) {
        return new TestTokens(issuer, audience, tenant, roles, expiry, key);
    }

    /** The same claims signed with a key of its own instead of the test key: a forged token. */
    public TestTokens signedWithAnotherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new TestTokens(issuer, audience, tenant, roles, expiresAt, generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform generates RSA keys", e);
        }
    }

    /** {@code Bearer <token>}. */
    public String bearer() {
        return "Bearer " + token();
    }

    /** The compact JWS. */
    public String token() {
        Instant issuedAt = Instant.now().minusSeconds(5);
        StringBuilder claims = new StringBuilder("{\"iss\":\"").append(issuer).append("\",\"aud\":\"").append(audience)
                .append("\",\"sub\":\"test-user\",\"iat\":").append(issuedAt.getEpochSecond())
                .append(",\"exp\":").append(expiresAt.getEpochSecond())
                .append(",\"groups\":[").append(roles.stream().map(role -> "\"" + role + "\"")
                        .collect(Collectors.joining(",")))
                .append(']');
        if (tenant != null) {
            claims.append(",\"tenant\":\"").append(tenant).append('"');
        }
        String signed = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + base64Url(claims.append('}').toString());
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static PrivateKey readTestKey() {
        try (InputStream pem = TestTokens.class.getResourceAsStream("/auth-test/private-key.pem")) {
            String base64 = new String(pem.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test private key auth-test/private-key.pem", e);
        }
    }
}
