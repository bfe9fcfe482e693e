package dev.subtitles.manager.batch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of batches ({@code POST /batches}, docs/api.md); each in the README's configuration table. */
@ConfigMapping(prefix = "manager.batches")
public interface BatchConfig {

    /**
     * Most jobs one batch may hold; a larger one is refused with 422. A batch takes as many tokens of its tenant's
     * submission rate as it has jobs, so a batch larger than {@code manager.limits.submission-burst} is refused too.
     */
    @WithDefault("100")
    int maxJobs();
}
