package dev.subtitles.common.status;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one instance tells about itself in its heartbeat, stored as the fields of its Redis hash.
 *
 * @param service the service it is ({@code downloader}, {@code translator}, {@code event-consumer})
 * @param instance its name among the service's instances
 * @param version the service's version
 * @param concurrency how many messages it handles at once (its consumers)
 * @param inFlight deliveries it has in hand now, {@code null} when the service does not count them
 * @param startedAt when it started
 * @param beatAt when it wrote this report
 * @param lastError the last warning or error it logged, {@code null} when none
 * @param lastErrorAt when it logged {@code lastError}
 */
public record InstanceReport(String service, String instance, String version, int concurrency, Integer inFlight,
        Instant startedAt, Instant beatAt, String lastError, Instant lastErrorAt) {

    /** The hash fields, flattened as name/value pairs; absent values are left out. */
    public Map<String, String> toHash() {
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put("service", service);
        hash.put("instance", instance);
        hash.put("version", version);
        hash.put("concurrency", Integer.toString(concurrency));
        put(hash, "inFlight", inFlight);
        hash.put("startedAt", startedAt.toString());
        hash.put("beatAt", beatAt.toString());
        put(hash, "lastError", lastError);
        put(hash, "lastErrorAt", lastErrorAt);
        return hash;
    }

    /** The report a hash written by {@link #toHash()} holds. */
    public static InstanceReport fromHash(Map<String, String> hash) {
        return new InstanceReport(hash.get("service"), hash.get("instance"), hash.get("version"),
                Integer.parseInt(hash.getOrDefault("concurrency", "0")),
                hash.containsKey("inFlight") ? Integer.valueOf(hash.get("inFlight")) : null,
                instant(hash.get("startedAt")), instant(hash.get("beatAt")), hash.get("lastError"),
                instant(hash.get("lastErrorAt")));
    }

    private static void put(Map<String, String> hash, String field, Object value) {
        if (value != null) {
            hash.put(field, value.toString());
        }
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
