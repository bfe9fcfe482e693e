package dev.subtitles.common.status;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where and how often the services report themselves to operators: each worker instance's heartbeat in Redis, which
 * the manager's status API reads. The same key prefix in every service of a deployment.
 */
@ConfigMapping(prefix = "subtitles.status")
public interface StatusConfig {

    /**
     * Prefix of the heartbeat keys: {@code <prefix>instances} (every instance by its last beat) and
     * {@code <prefix>instance:<service>/<instance>} (one hash per instance).
     */
    @WithDefault("status:")
    String keyPrefix();

    /** This instance's heartbeat. */
    Heartbeat heartbeat();

    /** How long an instance whose heartbeat expired is still listed (as lost) before it is forgotten. */
    @WithDefault("1h")
    Duration forgetAfter();

    /** An instance's heartbeat. */
    interface Heartbeat {

        /** Whether this service writes a heartbeat: read at build time ({@link HeartbeatProducer}). */
        @WithDefault("false")
        boolean enabled();

        /** This instance's name among its service's instances; the host name and process id when not set. */
        Optional<String> instance();

        /** How often the heartbeat is written. */
        @WithDefault("5s")
        Duration interval();

        /**
         * How long a heartbeat stands: an instance that has not written one for this long is lost (stopped without
         * saying so, hung, or cut off from Redis). Several intervals, so that one slow write does not lose it.
         */
        @WithDefault("20s")
        Duration ttl();
    }
}
