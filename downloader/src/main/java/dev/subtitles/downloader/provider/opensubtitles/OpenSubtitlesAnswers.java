package dev.subtitles.downloader.provider.opensubtitles;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import dev.subtitles.downloader.provider.ProviderException;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/**
 * Classifies OpenSubtitles answers into the failures the downloader acts on: 429 is a rate limit (with its
 * {@code Retry-After}), 406 on download is the daily quota (with {@code reset_time_utc}), 401/403 a rejected key or
 * login, 5xx an outage. Anything else that is not 2xx is a request the API refuses.
 */
final class OpenSubtitlesAnswers {

    private OpenSubtitlesAnswers() {
    }

    /** The response itself when successful; otherwise throws the matching {@link ProviderException}. */
    static HttpResponse<Buffer> requireSuccess(HttpResponse<Buffer> response, String what, Clock clock) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        String name = OpenSubtitlesProvider.NAME;
        if (status == 429) {
            throw ProviderException.rateLimited(name, retryAfter(response.getHeader("Retry-After"), clock));
        }
        if (status == 406) {
            JsonObject body = jsonOrEmpty(response);
            throw ProviderException.quotaExhausted(name, resetTime(body.getString("reset_time_utc")),
                    "download quota exhausted: " + body.getString("message", "no message"));
        }
        if (status == 401 || status == 403) {
            throw ProviderException.rejected(name, what + " refused with " + status
                    + ": check downloader.opensubtitles.api-key, username and password");
        }
        if (status >= 500) {
            throw ProviderException.unavailable(name, what + " answered " + status, null);
        }
        throw ProviderException.rejected(name, what + " answered " + status + ": " + response.bodyAsString());
    }

    /** {@code Retry-After} in seconds or as an HTTP date; {@code null} when absent or unreadable. */
    static Duration retryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration left = Duration.between(clock.instant(), at);
                return left.isNegative() ? Duration.ZERO : left;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static Instant resetTime(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static JsonObject jsonOrEmpty(HttpResponse<Buffer> response) {
        try {
            JsonObject body = response.bodyAsJsonObject();
            return body == null ? new JsonObject() : body;
        } catch (RuntimeException e) {
            return new JsonObject();
        }
    }
}
