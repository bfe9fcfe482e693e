package dev.subtitles.translator.health;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import dev.subtitles.translator.config.TranslatorConfig;
import dev.subtitles.translator.engine.LanguageSupport;
import dev.subtitles.translator.engine.TranslationEngine;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Readiness of the translation engine: DOWN, with the reason, while the configured engine cannot translate (the
 * {@code apertium} command or its language pairs missing, a server unreachable, credentials refused, a model not
 * served). Each answer stands for {@code translator.engine-check.interval}, so frequent probes do not each ask the
 * engine.
 */
@Readiness
@ApplicationScoped
public class EngineReadinessCheck implements AsyncHealthCheck {

    private static final Logger LOG = Logger.getLogger(EngineReadinessCheck.class);
    private static final String NAME = "translation engine";

    private final Uni<HealthCheckResponse> answer;
    private volatile long staleAtMillis;

    @Inject
    public EngineReadinessCheck(TranslationEngine engine, TranslatorConfig config) {
        this(engine, config.engineCheck().interval(), config.engineCheck().timeout());
    }

    EngineReadinessCheck(TranslationEngine engine, Duration interval, Duration timeout) {
        this.answer = Uni.createFrom().deferred(engine::probe)
                .ifNoItem().after(timeout)
                .failWith(() -> new TimeoutException("no answer within " + timeout))
                .map(support -> response(engine, support))
                .onFailure().recoverWithItem(failure -> down(engine, failure.getMessage()))
                .invoke(() -> staleAtMillis = System.currentTimeMillis() + interval.toMillis())
                .memoize().until(() -> System.currentTimeMillis() >= staleAtMillis);
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return answer;
    }

    private static HealthCheckResponse response(TranslationEngine engine, LanguageSupport support) {
        if (support.isEmpty()) {
            return down(engine, "the engine lists no language pair");
        }
        return HealthCheckResponse.named(NAME).up().withData("engine", engine.name())
                .withData("pairs", support.describe()).build();
    }

    private static HealthCheckResponse down(TranslationEngine engine, String problem) {
        LOG.warnf("the %s engine cannot translate: %s", engine.name(), problem);
        return HealthCheckResponse.named(NAME).down().withData("engine", engine.name()).withData("problem", problem)
                .build();
    }
}
