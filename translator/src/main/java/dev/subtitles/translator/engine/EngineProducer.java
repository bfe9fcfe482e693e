package dev.subtitles.translator.engine;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.subtitles.translator.config.TranslatorConfig;
import dev.subtitles.translator.engine.apertium.ApertiumApyEngine;
import dev.subtitles.translator.engine.apertium.ApertiumEngine;
import dev.subtitles.translator.engine.deepl.DeepLEngine;
import dev.subtitles.translator.engine.http.HttpEngineSettings;
import dev.subtitles.translator.engine.libretranslate.LibreTranslateEngine;
import dev.subtitles.translator.engine.openai.OpenAiEngine;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Builds the one engine {@code translator.engine} names. Engines are plain classes (constructed with their settings,
 * which keeps their tests free of a running application); this is where configuration meets them.
 */
@ApplicationScoped
public class EngineProducer {

    private static final Logger LOG = Logger.getLogger(EngineProducer.class);

    @Produces
    @Singleton
    TranslationEngine engine(TranslatorConfig config, Vertx vertx) {
        TranslationEngine engine = switch (config.engine()) {
            case ApertiumEngine.NAME -> apertium(config.apertium(), vertx);
            case LibreTranslateEngine.NAME -> new LibreTranslateEngine(WebClient.create(vertx), settings(
                    config.libretranslate().url(), config.libretranslate().apiKey(),
                    config.libretranslate().maxItems(), config.libretranslate().maxChars(),
                    config.libretranslate().timeout()));
            case DeepLEngine.NAME -> new DeepLEngine(WebClient.create(vertx), settings(config.deepl().url(),
                    config.deepl().apiKey(), config.deepl().maxItems(), config.deepl().maxChars(),
                    config.deepl().timeout()));
            case OpenAiEngine.NAME -> new OpenAiEngine(WebClient.create(vertx), settings(config.openai().url(),
                    config.openai().apiKey(), config.openai().maxItems(), config.openai().maxChars(),
                    config.openai().timeout()), config.openai().model(), config.openai().temperature());
            default -> throw new IllegalArgumentException("unknown translator.engine '" + config.engine()
                    + "': expected apertium, libretranslate, deepl or openai");
        };
        LOG.infof("translating with %s%s (%s)", engine.name(),
                engine.model() == null ? "" : " " + engine.model(), engine.getClass().getSimpleName());
        return engine;
    }

    void close(@Disposes TranslationEngine engine) throws Exception {
        if (engine instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private static TranslationEngine apertium(TranslatorConfig.Apertium apertium, Vertx vertx) {
        return switch (apertium.mode()) {
            case CLI -> new ApertiumEngine(apertium.command(),
                    new EngineLimits(apertium.maxItems(), apertium.maxChars()), apertium.timeout(),
                    apertium.maxProcesses());
            case APY -> new ApertiumApyEngine(WebClient.create(vertx), settings(apertium.apy().url(),
                    Optional.empty(), apertium.apy().maxItems(), apertium.apy().maxChars(), apertium.apy().timeout()));
        };
    }

    private static HttpEngineSettings settings(URI url, Optional<String> apiKey, int maxItems, int maxChars,
            Duration timeout) {
        return new HttpEngineSettings(url, apiKey, new EngineLimits(maxItems, maxChars), timeout);
    }
}
