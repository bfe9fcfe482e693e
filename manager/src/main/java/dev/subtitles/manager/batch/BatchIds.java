package dev.subtitles.manager.batch;

import java.util.UUID;

/** Batch ids as a request names them: a malformed one is as unknown as an id nobody used. */
final class BatchIds {

    private BatchIds() {
    }

    /** The id; fails with {@link BatchNotFoundException} when {@code id} is not a UUID. */
    static UUID parse(String id) {
        try {
            if (id != null && id.length() == 36) {
                return UUID.fromString(id);
            }
        } catch (IllegalArgumentException e) {
            // answered below like any other malformed id
        }
        throw new BatchNotFoundException(id);
    }
}
