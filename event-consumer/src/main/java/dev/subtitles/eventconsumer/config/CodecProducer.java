package dev.subtitles.eventconsumer.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.subtitles.common.event.EventCodec;

/** The one {@link EventCodec} of the service: it is thread-safe and costly to build. */
public class CodecProducer {

    @Produces
    @Singleton
    EventCodec eventCodec() {
        return new EventCodec();
    }
}
