package dev.subtitles.manager.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A test profile with a database of the run's own, created empty, for tests that act on or count every row of their
 * database (clean-ups, sweeps, counts). Subclasses add their settings.
 */
public class OwnDatabase implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(TestInfrastructure.class, Map.of("database", "own")));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
