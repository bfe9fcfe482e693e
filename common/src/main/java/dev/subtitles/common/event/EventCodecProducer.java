package dev.subtitles.common.event;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one {@link EventCodec} of every service: it is thread-safe and costly to build. */
@Singleton
public class EventCodecProducer {

    @Produces
    @Singleton
    EventCodec eventCodec() {
        return new EventCodec();
    }
}
