package dev.subtitles.manager.hooks;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import dev.subtitles.manager.validation.StorableText;

/**
 * The body of {@code POST /hooks}.
 *
 * @param url where events are posted: {@code https}, see {@link HookUrls}
 * @param eventTypes the CloudEvent types wanted ({@code subtitle.ready}, {@code job.failed}, …), or {@code *} for all
 * @param description a note for the owner, optional
 */
public record HookRequest(
        @NotBlank @Size(max = HookUrls.MAX_LENGTH) @StorableText String url,
        @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 64) @StorableText String> eventTypes,
        @Size(max = 500) @StorableText String description) {
}
