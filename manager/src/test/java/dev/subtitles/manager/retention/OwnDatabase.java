package dev.subtitles.manager.retention;

import java.util.List;
import java.util.Map;

import dev.subtitles.manager.support.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A database of the test run's own, for tests of clean-ups that act on every row of their database; the scheduled
 * clean-ups stay off, the tests run their rounds.
 */
public class OwnDatabase implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("manager.retention.batch-size", "2", "manager.retention.interval", "off",
                "%test.manager.retention.interval", "off");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(TestInfrastructure.class, Map.of("database", "own")));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
