package dev.subtitles.translator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.translator.config.TranslatorConfig;
import dev.subtitles.translator.engine.apertium.ApertiumApyEngine;
import dev.subtitles.translator.engine.apertium.ApertiumEngine;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.mutiny.core.Vertx;

/** Which engine the settings select, built as the application builds it. */
class EngineProducerTest {

    private final Vertx vertx = Vertx.vertx();
    private final EngineProducer producer = new EngineProducer();

    @AfterEach
    void closeVertx() {
        vertx.closeAndAwait();
    }

    @Test
    void apertiumRunsTheCommandLineByDefault() throws Exception {
        TranslationEngine engine = producer.engine(config(Map.of()), vertx);

        assertThat(engine).isInstanceOf(ApertiumEngine.class);
        assertThat(engine.limits()).isEqualTo(new EngineLimits(500, 50_000));
        producer.close(engine);
    }

    @Test
    void apyModeTranslatesThroughTheApyServerWithItsOwnLimits() throws Exception {
        TranslationEngine engine = producer.engine(config(Map.of("translator.apertium.mode", "apy",
                "translator.apertium.apy.url", "http://apertium-apy:2737",
                "translator.apertium.apy.max-items", "10")), vertx);

        assertThat(engine).isInstanceOf(ApertiumApyEngine.class);
        assertThat(engine.name()).isEqualTo("apertium");
        assertThat(engine.limits()).isEqualTo(new EngineLimits(10, 800));
    }

    /** The settings every worker sets in its application.properties (no defaults in {@code WorkerSettings}). */
    private static final Map<String, String> WORKER_SETTINGS = Map.of("translator.instance", "test",
            "translator.messaging.queue", "translator.requests", "translator.retry.initial-delay", "10S",
            "translator.retry.jitter", "0.2", "translator.delivery.max-delivery-time", "15M");

    private static TranslatorConfig config(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(WORKER_SETTINGS);
        all.putAll(settings);
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                // Quarkus' own converter: it reads the short form (10S, 2M) the settings use.
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(TranslatorConfig.class)
                .withSources(new PropertiesConfigSource(all, "test"))
                .build()
                .getConfigMapping(TranslatorConfig.class);
    }
}
