package dev.subtitles.translator.engine.http;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeoutException;

import dev.subtitles.common.event.payload.ErrorCode;
import dev.subtitles.translator.engine.EngineException;
import dev.subtitles.translator.engine.PermanentEngineException;
import dev.subtitles.translator.engine.TransientEngineException;
import io.vertx.core.VertxException;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/**
 * What an HTTP engine's failure means for the job, the same way for every HTTP engine: rate limits, server errors
 * and network trouble are transient (retried with backoff, honouring {@code Retry-After}); bad credentials, used-up
 * quota and refused requests are permanent.
 */
public final class HttpFailures {

    public static final String AUTH_FAILED = ErrorCode.ENGINE_AUTH_FAILED.name();
    public static final String QUOTA_EXCEEDED = ErrorCode.ENGINE_QUOTA_EXCEEDED.name();
    public static final String REJECTED = ErrorCode.ENGINE_REJECTED.name();

    /** DeepL's "quota exceeded": the monthly character allowance or cost limit is reached. */
    private static final int QUOTA_EXCEEDED_STATUS = 456;
    private static final int MAX_BODY_IN_MESSAGE = 300;

    private HttpFailures() {
    }

    /** The failure an answer with a status other than 2xx stands for. */
    public static EngineException forStatus(String engine, HttpResponse<Buffer> response) {
        int status = response.statusCode();
        String message = engine + " answered HTTP " + status + ": " + bodyExcerpt(response);
        if (status == 429 || status == 408 || status >= 500) {
            return new TransientEngineException(message, retryAfter(response), null);
        }
        if (status == 401 || status == 403) {
            return new PermanentEngineException(AUTH_FAILED, message);
        }
        if (status == QUOTA_EXCEEDED_STATUS) {
            return new PermanentEngineException(QUOTA_EXCEEDED, message);
        }
        return new PermanentEngineException(REJECTED, message);
    }

    /** The failure a request that got no answer stands for: connection refused, unknown host, timeout. */
    public static Throwable forTransport(String engine, Throwable failure) {
        if (failure instanceof EngineException) {
            return failure;
        }
        if (failure instanceof IOException || failure instanceof TimeoutException
                || failure instanceof VertxException) {
            return new TransientEngineException(engine + " could not be reached: " + failure.getMessage(), failure);
        }
        return failure;
    }

    /** Whether the answer is a success. */
    public static boolean isSuccess(HttpResponse<Buffer> response) {
        return response.statusCode() / 100 == 2;
    }

    private static Duration retryAfter(HttpResponse<Buffer> response) {
        String value = response.getHeader("Retry-After");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static String bodyExcerpt(HttpResponse<Buffer> response) {
        String body = response.bodyAsString();
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= MAX_BODY_IN_MESSAGE ? flat : flat.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    }
}
