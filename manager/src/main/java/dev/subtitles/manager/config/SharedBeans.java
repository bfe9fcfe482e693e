package dev.subtitles.manager.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.subtitles.common.format.SubtitleConverter;

/** Beans for the plain (non-CDI) classes of {@code common}, one instance each per application. */
@ApplicationScoped
public class SharedBeans {

    @Produces
    @Singleton
    SubtitleConverter subtitleConverter() {
        return new SubtitleConverter();
    }
}
