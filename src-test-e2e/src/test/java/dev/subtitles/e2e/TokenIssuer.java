package dev.subtitles.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The token issuer of one test run, with nothing but the JDK: an RSA key pair generated for the run, its public key
 * as PEM in a temporary file for the services ({@code AUTH_PUBLIC_KEY}), and RS256 tokens signed with its private key
 * ({@link #token}). {@link #withAuth} turns authentication on for a stack that {@link ServiceProcess} would otherwise
 * start with {@code AUTH=off}.
 */
public final class TokenIssuer implements AutoCloseable {

    public static final String ISSUER = "e2e-issuer";
    public static final String AUDIENCE = "e2e-subtitles";
    /** Roles (the {@code groups} claim), as the services name them. */
    public static final String SUBMITTER = "submitter";
    public static final String VIEWER = "viewer";
    public static final String ADMIN = "admin";

    private static final Duration LIFETIME = Duration.ofMinutes(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair keys;
    private final Path publicKey;

    private TokenIssuer(KeyPair keys, Path publicKey) {
        this.keys = keys;
        this.publicKey = publicKey;
    }

    /** A new key pair, its public key written to a temporary PEM file (deleted by {@link #close()}). */
    public static TokenIssuer generate() throws IOException {
        KeyPair keys;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate an RSA key pair", e);
        }
        Path publicKey = Files.createTempFile("e2e-auth-", ".pem");
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Files.writeString(publicKey, pem, StandardCharsets.US_ASCII);
        return new TokenIssuer(keys, publicKey);
    }

    /** {@code environment} plus what makes the manager and the event-consumer accept this issuer's tokens only. */
    public Map<String, String> withAuth(Map<String, String> environment) {
        Map<String, String> authenticated = new HashMap<>(environment);
        authenticated.put("AUTH", "jwt");
        authenticated.put("AUTH_PUBLIC_KEY", "file:" + publicKey.toAbsolutePath());
        authenticated.put("AUTH_ISSUER", ISSUER);
        authenticated.put("AUTH_AUDIENCE", AUDIENCE);
        return authenticated;
    }

    /**
     * A token for a caller of {@code tenant} with {@code roles}, valid from now for a quarter of an hour; its subject
     * names the tenant and the roles, so the services' logs tell the test's callers apart.
     */
    public String token(String tenant, String... roles) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("sub", "e2e-" + tenant + "-" + String.join("-", roles));
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(LIFETIME).getEpochSecond());
        claims.put("groups", List.of(roles));
        claims.put("tenant", tenant);
        return sign(claims);
    }

    private String sign(Map<String, Object> claims) {
        try {
            String signingInput = part(Map.of("alg", "RS256", "typ", "JWT")) + "." + part(claims);
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(keys.getPrivate());
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot sign with SHA256withRSA", e);
        }
    }

    private static String part(Map<String, Object> json) {
        try {
            return BASE64URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the token's JSON", e);
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(publicKey);
    }
}
