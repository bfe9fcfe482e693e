package dev.subtitles.downloader.messaging;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.downloader.config.DownloaderConfig;

/** Beans of messaging helpers that are plain classes. */
public class MessagingProducers {

    @Produces
    @Singleton
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Produces
    @Singleton
    DelayQueues delayQueues(DownloaderConfig config) {
        return DelayQueues.from(config);
    }
}
