package dev.subtitles.translator.engine.openai;

import java.util.ArrayList;
import java.util.List;

import dev.subtitles.common.event.payload.ErrorCode;
import dev.subtitles.translator.engine.EngineLimits;
import dev.subtitles.translator.engine.LanguagePair;
import dev.subtitles.translator.engine.LanguageSupport;
import dev.subtitles.translator.engine.MalformedReplyException;
import dev.subtitles.translator.engine.PermanentEngineException;
import dev.subtitles.translator.engine.TranslationEngine;
import dev.subtitles.translator.engine.http.HttpEngineSettings;
import dev.subtitles.translator.engine.http.HttpFailures;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Any OpenAI-compatible chat completions endpoint ({@code POST /v1/chat/completions}: OpenAI, a local Ollama or
 * vLLM). The batch goes to the model as numbered cues in JSON, and the reply must be the same numbers in the same
 * order ({@link CueBatchPrompt}); a model that drops, merges or renumbers cues is caught there and the translator
 * retries the batch in smaller parts.
 */
public class OpenAiEngine implements TranslationEngine {

    public static final String NAME = "openai";

    private final WebClient client;
    private final HttpEngineSettings settings;
    private final String model;
    private final double temperature;

    /**
     * @param model the model to ask for (e.g. {@code gpt-4o-mini}, {@code llama3.1:8b})
     * @param temperature sampling temperature; low keeps translations literal and replies well-formed
     */
    public OpenAiEngine(WebClient client, HttpEngineSettings settings, String model, double temperature) {
        this.client = client;
        this.settings = settings;
        this.model = model;
        this.temperature = temperature;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public EngineLimits limits() {
        return settings.limits();
    }

    /** A language model takes any pair; which ones it translates well is for whoever configures it to know. */
    @Override
    public Uni<LanguageSupport> languageSupport() {
        return Uni.createFrom().item(LanguageSupport.any());
    }

    /** {@code GET /v1/models}: the endpoint answers with these credentials and serves the configured model. */
    @Override
    public Uni<LanguageSupport> probe() {
        HttpRequest<Buffer> get = client.getAbs(settings.url("/v1/models")).timeout(settings.timeout().toMillis());
        settings.apiKey().ifPresent(key -> get.putHeader("Authorization", "Bearer " + key));
        return get.send()
                .onFailure().transform(failure -> HttpFailures.forTransport(NAME, failure))
                .map(response -> {
                    if (!servedModels(response).contains(model)) {
                        throw new PermanentEngineException(ErrorCode.ENGINE_UNAVAILABLE.name(),
                                NAME + " does not serve the model " + model);
                    }
                    return LanguageSupport.any();
                });
    }

    @Override
    public Uni<List<String>> translate(List<String> texts, LanguagePair pair) {
        JsonObject request = new JsonObject()
                .put("model", model)
                .put("temperature", temperature)
                .put("response_format", new JsonObject().put("type", "json_object"))
                .put("messages", new JsonArray()
                        .add(new JsonObject().put("role", "system").put("content", CueBatchPrompt.instructions(pair)))
                        .add(new JsonObject().put("role", "user").put("content", CueBatchPrompt.cues(texts))));
        HttpRequest<Buffer> post = client.postAbs(settings.url("/v1/chat/completions"))
                .timeout(settings.timeout().toMillis());
        settings.apiKey().ifPresent(key -> post.putHeader("Authorization", "Bearer " + key));
        return post.sendJsonObject(request)
                .onFailure().transform(failure -> HttpFailures.forTransport(NAME, failure))
                .map(response -> CueBatchPrompt.translations(replyContent(response), texts.size()));
    }

    /** {@code {"object":"list","data":[{"id":"gpt-4o-mini","object":"model"}, ...]}}. */
    private static List<String> servedModels(HttpResponse<Buffer> response) {
        if (!HttpFailures.isSuccess(response)) {
            throw HttpFailures.forStatus(NAME, response);
        }
        try {
            JsonArray data = response.bodyAsJsonObject().getJsonArray("data");
            if (data == null) {
                throw new MalformedReplyException(NAME + " /v1/models answer has no data");
            }
            List<String> ids = new ArrayList<>(data.size());
            for (Object entry : data) {
                ids.add(((JsonObject) entry).getString("id"));
            }
            return ids;
        } catch (DecodeException | ClassCastException e) {
            throw new MalformedReplyException(NAME + " /v1/models answer is not a model list: " + e.getMessage(), e);
        }
    }

    private static String replyContent(HttpResponse<Buffer> response) {
        if (!HttpFailures.isSuccess(response)) {
            throw HttpFailures.forStatus(NAME, response);
        }
        try {
            JsonArray choices = response.bodyAsJsonObject().getJsonArray("choices");
            if (choices == null || choices.isEmpty()) {
                throw new MalformedReplyException(NAME + " answered without choices");
            }
            JsonObject message = choices.getJsonObject(0).getJsonObject("message");
            String content = message == null ? null : message.getString("content");
            if (content == null) {
                throw new MalformedReplyException(NAME + " answered a choice without message content");
            }
            return content;
        } catch (DecodeException | ClassCastException e) {
            throw new MalformedReplyException(NAME + " answer is not a chat completion: " + e.getMessage(), e);
        }
    }
}
