package dev.subtitles.manager.hooks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A hook as the API shows it.
 *
 * @param secret the signing key: only in the answer to {@code POST /hooks}, never again
 * @param enabled whether events are delivered to it; {@code false} once disabled for failing
 * @param disabledAt when it was disabled, or {@code null}
 * @param disabledReason why it was disabled, or {@code null}
 * @param failingSince its first failed attempt since its last success, or {@code null} when the latest succeeded
 * @param lastSuccessAt its latest successful attempt, or {@code null}
 */
public record HookView(UUID id, String url, List<String> eventTypes, String description, Instant createdAt,
        boolean enabled, Instant disabledAt, String disabledReason, Instant failingSince, Instant lastSuccessAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    /** The same hook without its secret. */
    HookView withoutSecret() {
        return new HookView(id, url, eventTypes, description, createdAt, enabled, disabledAt, disabledReason,
                failingSince, lastSuccessAt, null);
    }
}
