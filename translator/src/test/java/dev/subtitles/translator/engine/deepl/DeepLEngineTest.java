package dev.subtitles.translator.engine.deepl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.translator.engine.EngineLimits;
import dev.subtitles.translator.engine.HttpEngineTestSupport;
import dev.subtitles.translator.engine.LanguagePair;
import dev.subtitles.translator.engine.MalformedReplyException;
import dev.subtitles.translator.engine.PermanentEngineException;
import dev.subtitles.translator.engine.TransientEngineException;
import dev.subtitles.translator.engine.UnsupportedLanguagePairException;

class DeepLEngineTest extends HttpEngineTestSupport {

    private static final LanguagePair EN_ES = new LanguagePair("en", "es");

    private DeepLEngine engine;

    @BeforeEach
    void createEngine() {
        engine = new DeepLEngine(client, settings("key:fx", new EngineLimits(500, 30_000)));
        server.stubFor(get(urlPathEqualTo("/v2/languages")).withQueryParam("type", equalTo("source"))
                .withHeader("Authorization", equalTo("DeepL-Auth-Key key:fx"))
                .willReturn(okJson("[{\"language\":\"EN\",\"name\":\"English\"},{\"language\":\"ES\",\"name\":\"Spanish\"}]")));
        server.stubFor(get(urlPathEqualTo("/v2/languages")).withQueryParam("type", equalTo("target"))
                .withHeader("Authorization", equalTo("DeepL-Auth-Key key:fx"))
                .willReturn(okJson("""
                        [{"language":"EN-GB","name":"English (British)"},{"language":"EN-US","name":"English (American)"},
                         {"language":"ES","name":"Spanish"}]""")));
    }

    @Test
    void sendsTheBatchAsJsonWithTheAuthKeyHeader() {
        server.stubFor(post("/v2/translate").willReturn(okJson("""
                {"translations":[{"detected_source_language":"EN","text":"Hola"},
                                 {"detected_source_language":"EN","text":"<i>Adiós</i>"}]}""")));

        List<String> translations = engine.translate(List.of("Hello", "<i>Goodbye</i>"), EN_ES).await()
                .indefinitely();

        assertThat(translations).containsExactly("Hola", "<i>Adiós</i>");
        server.verify(postRequestedFor(urlEqualTo("/v2/translate"))
                .withHeader("Authorization", equalTo("DeepL-Auth-Key key:fx"))
                .withRequestBody(equalToJson("""
                        {"text":["Hello","<i>Goodbye</i>"],"source_lang":"EN","target_lang":"ES",
                         "tag_handling":"html"}""")));
    }

    @Test
    void englishTargetGetsAVariant() {
        server.stubFor(post("/v2/translate").willReturn(okJson("{\"translations\":[{\"text\":\"Hello\"}]}")));

        engine.translate(List.of("Hola"), new LanguagePair("es", "en")).await().indefinitely();

        server.verify(postRequestedFor(urlEqualTo("/v2/translate"))
                .withRequestBody(equalToJson("{\"target_lang\":\"EN-US\"}", true, true)));
    }

    @Test
    void batchesNeverExceedFiftyTexts() {
        assertThat(engine.limits().maxItems()).isEqualTo(50);
    }

    @Test
    void unsupportedPairNamesTheSupportedOnes() {
        assertThatThrownBy(() -> engine.translate(List.of("Hello"), new LanguagePair("en", "ja")).await()
                .indefinitely())
                .isInstanceOf(UnsupportedLanguagePairException.class)
                .hasMessageContaining("en->ja").hasMessageContaining("en->es");
    }

    @Test
    void tooManyRequestsIsTransient() {
        server.stubFor(post("/v2/translate").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")));

        assertThatThrownBy(() -> engine.translate(List.of("Hello"), EN_ES).await().indefinitely())
                .isInstanceOfSatisfying(TransientEngineException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(2)));
    }

    @Test
    void quotaExceededIsPermanent() {
        server.stubFor(post("/v2/translate").willReturn(aResponse().withStatus(456)
                .withBody("{\"message\":\"Quota Exceeded\"}")));

        assertThatThrownBy(() -> engine.translate(List.of("Hello"), EN_ES).await().indefinitely())
                .isInstanceOfSatisfying(PermanentEngineException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("ENGINE_QUOTA_EXCEEDED"))
                .hasMessageContaining("Quota Exceeded");
    }

    @Test
    void wrongKeyIsPermanent() {
        server.stubFor(post("/v2/translate").willReturn(aResponse().withStatus(403)));

        assertThatThrownBy(() -> engine.translate(List.of("Hello"), EN_ES).await().indefinitely())
                .isInstanceOfSatisfying(PermanentEngineException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("ENGINE_AUTH_FAILED"));
    }

    @Test
    void serviceUnavailableIsTransient() {
        server.stubFor(post("/v2/translate").willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> engine.translate(List.of("Hello"), EN_ES).await().indefinitely())
                .isExactlyInstanceOf(TransientEngineException.class);
    }

    @Test
    void translationWithoutTextIsMalformed() {
        server.stubFor(post("/v2/translate").willReturn(okJson("{\"translations\":[{\"detected_source_language\":\"EN\"}]}")));

        assertThatThrownBy(() -> engine.translate(List.of("Hello"), EN_ES).await().indefinitely())
                .isInstanceOf(MalformedReplyException.class);
    }

    @Test
    void engineWithoutKeyIsRefusedAtStart() {
        assertThatThrownBy(() -> new DeepLEngine(client, settings(null, new EngineLimits(50, 1000))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DEEPL_API_KEY");
    }
}
