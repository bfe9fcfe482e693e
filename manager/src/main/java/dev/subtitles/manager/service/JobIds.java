package dev.subtitles.manager.service;

import java.util.UUID;

/** Job ids as they arrive in paths: anything that is not a UUID names no job. */
final class JobIds {

    private JobIds() {
    }

    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new JobNotFoundException(id);
        }
    }
}
