package dev.subtitles.downloader.upgrade;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Counts the searches for better subtitles by how they ended ({@code downloader.upgrades}, tag {@code outcome}:
 * {@value #UPGRADED} or {@value #CHECKED}), each series registered at start.
 */
@Startup
@ApplicationScoped
public class UpgradeMetrics {

    /** A new version was stored. */
    static final String UPGRADED = "upgraded";
    /** Nothing better was found. */
    static final String CHECKED = "checked";

    private final Map<String, Counter> searches = new HashMap<>();

    public UpgradeMetrics(MeterRegistry registry) {
        for (String outcome : List.of(UPGRADED, CHECKED)) {
            searches.put(outcome, Counter.builder("downloader.upgrades").description("Searches for a better subtitle"
                    + " of a done job, by how they ended").tag("outcome", outcome).register(registry));
        }
    }

    /** One search ended with {@code outcome}. */
    void searched(String outcome) {
        searches.get(outcome).increment();
    }
}
