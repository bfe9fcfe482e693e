package dev.subtitles.manager.service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What an {@code Idempotency-Key} is stored with: the hash of the canonical request, so that a replay can tell the same
 * request from another one under the same key; and how a lost race on a key shows.
 */
public final class RequestHashes {

    private RequestHashes() {
    }

    /** The hex SHA-256 of {@code request} serialised by {@code mapper} (validated requests are canonical). */
    public static String of(ObjectMapper mapper, Object request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(mapper.writeValueAsBytes(request)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a validated request always serialises", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** Whether {@code failure} is PostgreSQL refusing a second row under {@code primaryKey}: a key used at once twice. */
    public static boolean isDuplicate(Throwable failure, String primaryKey) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.contains(primaryKey)) {
                return true;
            }
        }
        return false;
    }
}
