package dev.subtitles.manager.upgrade;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Better-match upgrades (docs/upgrades.md): which done jobs are searched again, how often and for how long. Each
 * setting is in the README's configuration table.
 */
@ConfigMapping(prefix = "upgrades")
public interface UpgradesConfig {

    /**
     * Whether done jobs are searched again at all. Off, no job becomes a candidate and the scheduler requests nothing;
     * the versions API still serves the versions there are.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * A job whose subtitle scored below this (the downloader's scale: hash 800, IMDb id 400, title 120, year, season
     * and episode 40 each, release 30, hearing-impaired wish 20, popularity up to 10) is searched again; so is every
     * machine-translated one. The default takes in every subtitle tied to its video by name only, not by IMDb id or
     * file hash.
     */
    @WithDefault("400")
    double scoreBelow();

    /** How long after the job ended, and after each search, the next search is due. */
    @WithDefault("24H")
    Duration interval();

    /** How long after the job ended it is searched again at all; later it is left alone. */
    @WithDefault("30D")
    Duration maxAge();

    /**
     * How often the scheduler looks for due jobs ({@code off} disables it); each search is due {@link #interval()}
     * after the last, so this only bounds how late it starts.
     */
    @WithDefault("1m")
    String pollInterval();

    /** How many due jobs one round of the scheduler takes (one transaction); a full round is followed by another. */
    @WithDefault("50")
    int batchSize();
}
