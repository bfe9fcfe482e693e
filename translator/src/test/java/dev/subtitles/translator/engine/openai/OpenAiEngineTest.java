package dev.subtitles.translator.engine.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.subtitles.translator.engine.EngineLimits;
import dev.subtitles.translator.engine.HttpEngineTestSupport;
import dev.subtitles.translator.engine.LanguagePair;
import dev.subtitles.translator.engine.MalformedReplyException;
import dev.subtitles.translator.engine.PermanentEngineException;
import dev.subtitles.translator.engine.TransientEngineException;
import dev.subtitles.translator.translation.BatchTranslator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

class OpenAiEngineTest extends HttpEngineTestSupport {

    private static final LanguagePair EN_ES = new LanguagePair("en", "es");

    private OpenAiEngine engine;

    @BeforeEach
    void createEngine() {
        engine = new OpenAiEngine(client, settings("sk-test", new EngineLimits(40, 8000)), "llama3.1:8b", 0.1);
    }

    /** A chat completion whose message content is {@code content}. */
    private static String completion(String content) {
        return new JsonObject().put("id", "chatcmpl-1").put("object", "chat.completion")
                .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("finish_reason", "stop")
                        .put("message", new JsonObject().put("role", "assistant").put("content", content))))
                .encode();
    }

    @Test
    void sendsNumberedCuesAsJsonAndReadsThemBack() {
        server.stubFor(post("/v1/chat/completions").willReturn(okJson(completion("""
                {"cues":[{"id":1,"text":"Hola"},{"id":2,"text":"<i>Adiós</i>"}]}"""))));

        List<String> translations = engine.translate(List.of("Hello", "<i>Goodbye</i>"), EN_ES).await()
                .indefinitely();

        assertThat(translations).containsExactly("Hola", "<i>Adiós</i>");
        server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer sk-test"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("llama3.1:8b")))
                .withRequestBody(matchingJsonPath("$.messages[1].content",
                        equalTo("{\"cues\":[{\"id\":1,\"text\":\"Hello\"},{\"id\":2,\"text\":\"<i>Goodbye</i>\"}]}"))));
    }

    @Test
    void replyInACodeFenceIsAccepted() {
        server.stubFor(post("/v1/chat/completions").willReturn(okJson(completion("""
                ```json
                {"cues":[{"id":1,"text":"Hola"}]}
                ```"""))));

        assertThat(engine.translate(List.of("Hello"), EN_ES).await().indefinitely()).containsExactly("Hola");
    }

    @Test
    void replyWithAMissingCueIsCaught() {
        server.stubFor(post("/v1/chat/completions").willReturn(okJson(completion("""
                {"cues":[{"id":1,"text":"Hola, adiós"}]}"""))));

        assertThatThrownBy(() -> engine.translate(List.of("Hello", "Goodbye"), EN_ES).await().indefinitely())
                .isInstanceOf(MalformedReplyException.class).hasMessageContaining("1 cues for 2");
    }

    @Test
    void replyWithRenumberedCuesIsCaught() {
        server.stubFor(post("/v1/chat/completions").willReturn(okJson(completion("""
                {"cues":[{"id":2,"text":"Adiós"},{"id":1,"text":"Hola"}]}"""))));

        assertThatThrownBy(() -> engine.translate(List.of("Hello", "Goodbye"), EN_ES).await().indefinitely())
                .isInstanceOf(MalformedReplyException.class).hasMessageContaining("renumbered");
    }

    @Test
    void replyThatIsNotJsonIsCaught() {
        server.stubFor(post("/v1/chat/completions").willReturn(okJson(completion("Hola y adiós"))));

        assertThatThrownBy(() -> engine.translate(List.of("Hello"), EN_ES).await().indefinitely())
                .isInstanceOf(MalformedReplyException.class);
    }

    @Test
    void batchWithAMissingCueIsRetriedSmallerUntilEveryCueIsTranslated() {
        server.stubFor(post("/v1/chat/completions").inScenario("drops a cue").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(completion("{\"cues\":[{\"id\":1,\"text\":\"Hola\"}]}")))
                .willSetStateTo("behaves"));
        server.stubFor(post("/v1/chat/completions").inScenario("drops a cue").whenScenarioStateIs("behaves")
                .withRequestBody(matchingJsonPath("$.messages[1].content", equalTo(
                        "{\"cues\":[{\"id\":1,\"text\":\"Hello\"}]}")))
                .willReturn(okJson(completion("{\"cues\":[{\"id\":1,\"text\":\"Hola\"}]}"))));
        server.stubFor(post("/v1/chat/completions").inScenario("drops a cue").whenScenarioStateIs("behaves")
                .withRequestBody(matchingJsonPath("$.messages[1].content", equalTo(
                        "{\"cues\":[{\"id\":1,\"text\":\"Goodbye\"}]}")))
                .willReturn(okJson(completion("{\"cues\":[{\"id\":1,\"text\":\"Adiós\"}]}"))));

        List<String> translations = new BatchTranslator(1).translate(engine, EN_ES, List.of("Hello", "Goodbye"))
                .await().indefinitely();

        assertThat(translations).containsExactly("Hola", "Adiós");
        server.verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void rateLimitIsTransient() {
        server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "7").withBody("{\"error\":{\"message\":\"Rate limit reached\"}}")));

        assertThatThrownBy(() -> engine.translate(List.of("Hello"), EN_ES).await().indefinitely())
                .isInstanceOfSatisfying(TransientEngineException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)))
                .hasMessageContaining("Rate limit reached");
    }

    @Test
    void invalidKeyIsPermanent() {
        server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> engine.translate(List.of("Hello"), EN_ES).await().indefinitely())
                .isInstanceOf(PermanentEngineException.class);
    }

    @Test
    void probeAsksForTheModelsWithTheKeyAndFindsTheConfiguredOne() {
        server.stubFor(get("/v1/models").withHeader("Authorization", equalTo("Bearer sk-test")).willReturn(okJson("""
                {"object":"list","data":[{"id":"gpt-4o-mini","object":"model"},{"id":"llama3.1:8b","object":"model"}]}
                """)));

        assertThat(engine.probe().await().indefinitely().supports(EN_ES)).isTrue();
    }

    @Test
    void probeFailsWhenTheModelIsNotServed() {
        server.stubFor(get("/v1/models").willReturn(okJson("""
                {"object":"list","data":[{"id":"gpt-4o-mini","object":"model"}]}
                """)));

        assertThatThrownBy(() -> engine.probe().await().indefinitely())
                .isInstanceOf(PermanentEngineException.class).hasMessageContaining("llama3.1:8b");
    }

    @Test
    void probeFailsWhenTheKeyIsRefused() {
        server.stubFor(get("/v1/models").willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> engine.probe().await().indefinitely()).isInstanceOf(PermanentEngineException.class);
    }

    @Test
    void anyPairIsAccepted() {
        assertThat(engine.languageSupport().await().indefinitely().supports(new LanguagePair("ja", "sw"))).isTrue();
    }
}
