package dev.subtitles.translator.engine.libretranslate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.translator.engine.EngineLimits;
import dev.subtitles.translator.engine.HttpEngineTestSupport;
import dev.subtitles.translator.engine.LanguagePair;
import dev.subtitles.translator.engine.MalformedReplyException;
import dev.subtitles.translator.engine.PermanentEngineException;
import dev.subtitles.translator.engine.TransientEngineException;
import dev.subtitles.translator.engine.UnsupportedLanguagePairException;
import dev.subtitles.translator.engine.http.HttpEngineSettings;

class LibreTranslateEngineTest extends HttpEngineTestSupport {

    private static final LanguagePair EN_ES = new LanguagePair("en", "es");

    private LibreTranslateEngine engine;

    @BeforeEach
    void createEngine() {
        engine = new LibreTranslateEngine(client, settings("secret", new EngineLimits(50, 5000)));
        server.stubFor(get("/languages").willReturn(okJson("""
                [{"code":"en","name":"English","targets":["en","es","fr"]},
                 {"code":"es","name":"Spanish","targets":["en","es"]}]""")));
    }

    @Test
    void sendsTheBatchAsOneRequestWithKeyAndHtmlFormat() {
        server.stubFor(post("/translate").willReturn(okJson("""
                {"translatedText":["Hola","<i>Adiós</i>"]}""")));

        List<String> translations = engine.translate(List.of("Hello", "<i>Goodbye</i>"), EN_ES).await()
                .indefinitely();

        assertThat(translations).containsExactly("Hola", "<i>Adiós</i>");
        server.verify(postRequestedFor(urlEqualTo("/translate")).withRequestBody(equalToJson("""
                {"q":["Hello","<i>Goodbye</i>"],"source":"en","target":"es","format":"html","api_key":"secret"}""")));
    }

    @Test
    void pairsComeFromTheLanguagesEndpoint() {
        var support = engine.languageSupport().await().indefinitely();

        assertThat(support.supports(EN_ES)).isTrue();
        assertThat(support.supports(new LanguagePair("es", "fr"))).isFalse();
    }

    @Test
    void unsupportedPairFailsBeforeAnyTranslationRequest() {
        assertThatThrownBy(() -> engine.translate(List.of("Hola"), new LanguagePair("es", "fr")).await()
                .indefinitely())
                .isInstanceOf(UnsupportedLanguagePairException.class)
                .hasMessageContaining("es->fr").hasMessageContaining("en->es");
        server.verify(0, postRequestedFor(urlEqualTo("/translate")));
    }

    @Test
    void rateLimitIsTransientAndCarriesRetryAfter() {
        server.stubFor(post("/translate").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withBody("{\"error\":\"Slowdown: 30 per 1 minute\"}")));

        assertThatThrownBy(() -> engine.translate(List.of("Hello"), EN_ES).await().indefinitely())
                .isInstanceOfSatisfying(TransientEngineException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(30)))
                .hasMessageContaining("429");
    }

    @Test
    void invalidKeyIsPermanent() {
        server.stubFor(post("/translate").willReturn(aResponse().withStatus(403)
                .withBody("{\"error\":\"Invalid API key\"}")));

        assertThatThrownBy(() -> engine.translate(List.of("Hello"), EN_ES).await().indefinitely())
                .isInstanceOfSatisfying(PermanentEngineException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("ENGINE_AUTH_FAILED"))
                .hasMessageContaining("Invalid API key");
    }

    @Test
    void serverErrorIsTransient() {
        server.stubFor(post("/translate").willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> engine.translate(List.of("Hello"), EN_ES).await().indefinitely())
                .isExactlyInstanceOf(TransientEngineException.class);
    }

    @Test
    void replyWithTooFewTranslationsIsMalformed() {
        server.stubFor(post("/translate").willReturn(okJson("{\"translatedText\":[\"Hola\"]}")));

        assertThatThrownBy(() -> engine.translate(List.of("Hello", "Bye"), EN_ES).await().indefinitely())
                .isInstanceOf(MalformedReplyException.class).hasMessageContaining("1 translations for 2");
    }

    @Test
    void replyThatIsNotJsonIsMalformed() {
        server.stubFor(post("/translate").willReturn(aResponse().withStatus(200).withBody("<html>oops</html>")));

        assertThatThrownBy(() -> engine.translate(List.of("Hello"), EN_ES).await().indefinitely())
                .isInstanceOf(MalformedReplyException.class);
    }

    @Test
    void unreachableServerIsTransient() {
        LibreTranslateEngine unreachable = new LibreTranslateEngine(client,
                new HttpEngineSettings(URI.create("http://127.0.0.1:9"), Optional.empty(), new EngineLimits(1, 1),
                        Duration.ofSeconds(2)));

        assertThatThrownBy(() -> unreachable.languageSupport().await().indefinitely())
                .isInstanceOf(TransientEngineException.class).hasMessageContaining("could not be reached");
    }
}
