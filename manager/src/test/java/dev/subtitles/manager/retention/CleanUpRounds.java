package dev.subtitles.manager.retention;

import java.util.Map;

import dev.subtitles.manager.support.OwnDatabase;

/** A database of its own, rounds of two jobs, and no scheduled clean-up: the tests run the rounds. */
public class CleanUpRounds extends OwnDatabase {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("manager.retention.batch-size", "2", "manager.retention.interval", "off");
    }
}
