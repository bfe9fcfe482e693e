package dev.subtitles.common.schema;

import java.util.List;

import io.smallrye.config.ConfigMapping;

/** Which schemas of the database a service uses ({@code subtitles.schemas.*}), for {@link SchemaReadiness}. */
@ConfigMapping(prefix = "subtitles.schemas")
public interface SchemaSettings {

    /** The schemas the service reads and writes, by name: {@code manager}, {@code subtitles}, {@code events}. */
    List<String> required();
}
