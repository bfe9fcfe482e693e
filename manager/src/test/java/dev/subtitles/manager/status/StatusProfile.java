package dev.subtitles.manager.status;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The status tests' own work queues (which they declare and delete) and heartbeat keys, so that neither the shared
 * broker's real queues nor another run's instances show up in what they check.
 */
public class StatusProfile implements QuarkusTestProfile {

    static final String RUN = "test-status-" + UUID.randomUUID().toString().substring(0, 8);
    static final String DOWNLOADS = RUN + ".downloader.requests";
    static final String TRANSLATIONS = RUN + ".translator.requests";
    static final String KEY_PREFIX = RUN + ":status:";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("manager.status.queues", DOWNLOADS + "," + TRANSLATIONS,
                "manager.status.broker-timeout", "3s",
                "manager.status.activity-kept-for", "0s",
                "subtitles.status.key-prefix", KEY_PREFIX,
                "subtitles.status.forget-after", "10m");
    }
}
