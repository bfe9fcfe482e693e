package dev.subtitles.manager.hooks;

import java.util.List;

/** The answer of {@code GET /hooks}: the tenant's hooks, oldest first. */
public record HookList(List<HookView> hooks) {
}
