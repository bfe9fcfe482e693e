package dev.subtitles.translator.engine.apertium;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.translator.engine.EngineLimits;
import dev.subtitles.translator.engine.HttpEngineTestSupport;
import dev.subtitles.translator.engine.LanguagePair;
import dev.subtitles.translator.engine.MalformedReplyException;
import dev.subtitles.translator.engine.PermanentEngineException;
import dev.subtitles.translator.engine.TransientEngineException;

/**
 * The answers a healthy APy server does not give on demand, reproduced with WireMock in APy's own shapes
 * ({@code apertium_apy/handlers/base.py}, {@code translate.py}).
 */
class ApertiumApyFailuresTest extends HttpEngineTestSupport {

    private static final LanguagePair EN_ES = new LanguagePair("en", "es");

    private ApertiumApyEngine engine;

    @BeforeEach
    void createEngine() {
        engine = new ApertiumApyEngine(client, settings(null, new EngineLimits(20, 800)));
        server.stubFor(get("/listPairs").willReturn(okJson("""
                {"responseData": [{"sourceLanguage": "eng", "targetLanguage": "spa"}],
                 "responseDetails": null, "responseStatus": 200}""")));
    }

    @Test
    void sendsTheBatchAsParagraphsInHtmlFormatWithoutUnknownWordMarks() {
        server.stubFor(post("/translate").willReturn(okJson("""
                {"responseData": {"translatedText": "<p>Hola<\\/p>\\n<p><i>Adi\u00f3s<\\/i><\\/p>"},
                 "responseDetails": null, "responseStatus": 200}""")));

        List<String> translations = engine.translate(List.of("Hello", "<i>Goodbye</i>"), EN_ES).await()
                .indefinitely();

        assertThat(translations).containsExactly("Hola", "<i>Adiós</i>");
        server.verify(postRequestedFor(urlEqualTo("/translate"))
                .withFormParam("langpair", equalTo("eng|spa"))
                .withFormParam("format", equalTo("html"))
                .withFormParam("markUnknown", equalTo("no"))
                .withFormParam("q", equalTo("<p>Hello</p>\n<p><i>Goodbye</i></p>\n")));
    }

    @Test
    void stuckPipelineIsTransient() {
        server.stubFor(post("/translate").willReturn(aResponse().withStatus(503).withBody("""
                {"status": "error", "code": 503, "message": "Service Unavailable", "explanation": "internal error"}""")));

        assertThatThrownBy(() -> engine.translate(List.of("Hello"), EN_ES).await().indefinitely())
                .isExactlyInstanceOf(TransientEngineException.class).hasMessageContaining("503");
    }

    @Test
    void refusedRequestIsPermanentWithApysExplanation() {
        server.stubFor(post("/translate").willReturn(aResponse().withStatus(400).withBody("""
                {"status": "error", "code": 400, "message": "Bad Request", "explanation": "That pair is not installed"}""")));

        assertThatThrownBy(() -> engine.translate(List.of("Hello"), EN_ES).await().indefinitely())
                .isInstanceOfSatisfying(PermanentEngineException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("ENGINE_REJECTED"))
                .hasMessageContaining("That pair is not installed");
    }

    @Test
    void answerWithAParagraphMissingIsMalformed() {
        server.stubFor(post("/translate").willReturn(okJson("""
                {"responseData": {"translatedText": "<p>Hola<\\/p>"}, "responseDetails": null, "responseStatus": 200}""")));

        assertThatThrownBy(() -> engine.translate(List.of("Hello", "Bye"), EN_ES).await().indefinitely())
                .isInstanceOf(MalformedReplyException.class).hasMessageContaining("1 paragraphs for 2");
    }

    @Test
    void answerWithoutTranslatedTextIsMalformed() {
        server.stubFor(post("/translate").willReturn(okJson("""
                {"responseData": null, "responseDetails": null, "responseStatus": 200}""")));

        assertThatThrownBy(() -> engine.translate(List.of("Hello"), EN_ES).await().indefinitely())
                .isInstanceOf(MalformedReplyException.class).hasMessageContaining("no translatedText");
    }

    @Test
    void pairListThatIsNotJsonIsMalformed() {
        server.stubFor(get("/listPairs").willReturn(aResponse().withStatus(200).withBody("<html>proxy</html>")));

        assertThatThrownBy(() -> engine.languageSupport().await().indefinitely())
                .isInstanceOf(MalformedReplyException.class).hasMessageContaining("/listPairs");
    }

    @Test
    void pairsAreAskedForOnceAndKept() {
        server.stubFor(post("/translate").willReturn(okJson("""
                {"responseData": {"translatedText": "<p>Hola<\\/p>"}, "responseDetails": null, "responseStatus": 200}""")));

        engine.translate(List.of("Hello"), EN_ES).await().indefinitely();
        engine.translate(List.of("Hello"), EN_ES).await().indefinitely();

        server.verify(1, getRequestedFor(urlEqualTo("/listPairs")));
    }
}
