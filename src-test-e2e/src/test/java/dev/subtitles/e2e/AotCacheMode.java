package dev.subtitles.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Whether the services start from a JDK 25 AOT cache ({@code app.aot} beside {@code quarkus-run.jar}), chosen with the
 * {@code e2e.aotCache} system property: {@code off} (the default), {@code use} (the cache where there is one) or
 * {@code train} (record this run and write the cache when the service stops).
 */
enum AotCacheMode {
    OFF,
    USE,
    TRAIN;

    static AotCacheMode fromSystemProperty() {
        return valueOf(System.getProperty("e2e.aotCache", "off").toUpperCase(Locale.ROOT));
    }

    List<String> jvmArgs(Path cache) {
        return switch (this) {
            case OFF -> List.of();
            case USE -> Files.isRegularFile(cache) ? List.of("-XX:AOTCache=" + cache) : List.of();
            case TRAIN -> List.of("-XX:AOTCacheOutput=" + cache);
        };
    }
}
