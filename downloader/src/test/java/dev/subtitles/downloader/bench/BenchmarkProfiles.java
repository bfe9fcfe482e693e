package dev.subtitles.downloader.bench;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Provider set-ups the benchmark measures. */
final class BenchmarkProfiles {

    private BenchmarkProfiles() {
    }

    /** Only the local library: the cost of the pipeline itself. */
    public static class LibraryOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("downloader.providers", "library", "downloader.instance", "bench-1",
                    "quarkus.log.category.\"dev.subtitles\".level", "WARN");
        }
    }

    /** Only OpenSubtitles, stubbed to answer every search after 200 ms: a slow provider. */
    public static class SlowProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("downloader.providers", "opensubtitles", "downloader.instance", "bench-1",
                    "quarkus.log.category.\"dev.subtitles\".level", "WARN");
        }
    }
}
