package dev.subtitles.manager.live;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the live progress routes ({@code WS /jobs/{id}/live}, {@code GET /jobs/{id}/events/stream}); each can
 * be set through the environment variable Quarkus derives from its name (e.g. {@code MANAGER_LIVE_BUFFER_SIZE}).
 */
@ConfigMapping(prefix = "manager.live")
public interface LiveConfig {

    /**
     * How often an idle connection gets a keep-alive (an SSE comment, a WebSocket ping), so that proxies which cut
     * silent connections leave it open.
     */
    @WithDefault("15s")
    Duration keepAliveInterval();

    /**
     * Most new events held for one client that has not taken the previous ones yet; a client that falls further
     * behind is disconnected (it can reconnect and resume) rather than buffered without limit.
     */
    @WithDefault("256")
    int bufferSize();

    /** History entries read from the store at a time while a client catches up. */
    @WithDefault("200")
    int historyPageSize();
}
