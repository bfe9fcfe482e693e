package dev.subtitles.translator.messaging;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.translator.config.TranslatorConfig;

/** Beans of the messaging helpers that are plain classes. */
public class MessagingProducers {

    @Produces
    @Singleton
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Produces
    @Singleton
    DelayQueues delayQueues(TranslatorConfig config) {
        return new DelayQueues(config.messaging().queue(), config.retry().initialDelay(), config.retry().maxDelay());
    }
}
