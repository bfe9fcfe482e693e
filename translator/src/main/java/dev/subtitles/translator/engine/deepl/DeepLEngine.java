package dev.subtitles.translator.engine.deepl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import dev.subtitles.translator.engine.EngineLimits;
import dev.subtitles.translator.engine.LanguagePair;
import dev.subtitles.translator.engine.LanguageSupport;
import dev.subtitles.translator.engine.MalformedReplyException;
import dev.subtitles.translator.engine.TranslationEngine;
import dev.subtitles.translator.engine.UnsupportedLanguagePairException;
import dev.subtitles.translator.engine.http.HttpEngineSettings;
import dev.subtitles.translator.engine.http.HttpFailures;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * DeepL API v2: {@code POST /v2/translate} with a JSON body ({@code text} array, {@code source_lang},
 * {@code target_lang}, {@code tag_handling=html}) and the key in {@code Authorization: DeepL-Auth-Key}; the pairs
 * from {@code GET /v2/languages} for sources and targets. DeepL takes at most 50 texts and 128 KiB per request;
 * 429 (too many requests) is retried, 456 (quota exceeded) fails the job.
 */
public class DeepLEngine implements TranslationEngine {

    public static final String NAME = "deepl";

    /** DeepL's own bound on texts per request. */
    public static final int MAX_TEXTS_PER_REQUEST = 50;

    private final WebClient client;
    private final HttpEngineSettings settings;
    private final String authorization;
    private final AtomicReference<LanguageSupport> support = new AtomicReference<>();

    public DeepLEngine(WebClient client, HttpEngineSettings settings) {
        this.client = client;
        this.settings = settings;
        this.authorization = "DeepL-Auth-Key " + settings.apiKey().orElseThrow(() -> new IllegalArgumentException(
                "the deepl engine needs an authentication key: set translator.deepl.api-key (DEEPL_API_KEY)"));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** DeepL does not name its model. */
    @Override
    public String model() {
        return null;
    }

    @Override
    public EngineLimits limits() {
        EngineLimits configured = settings.limits();
        return new EngineLimits(Math.min(configured.maxItems(), MAX_TEXTS_PER_REQUEST), configured.maxChars());
    }

    @Override
    public Uni<LanguageSupport> languageSupport() {
        LanguageSupport known = support.get();
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return probe();
    }

    @Override
    public Uni<LanguageSupport> probe() {
        return languages("source").flatMap(sources -> languages("target").map(targets -> {
            Set<LanguagePair> pairs = new HashSet<>();
            for (String source : sources) {
                for (String target : targets) {
                    LanguagePair pair = new LanguagePair(source, target);
                    if (!pair.sourceLanguage().equals(pair.targetLanguage())) {
                        pairs.add(pair);
                    }
                }
            }
            return LanguageSupport.pairs(pairs);
        })).invoke(support::set);
    }

    @Override
    public Uni<List<String>> translate(List<String> texts, LanguagePair pair) {
        return languageSupport().flatMap(languages -> {
            if (!languages.supports(pair)) {
                return Uni.createFrom().failure(new UnsupportedLanguagePairException(NAME, pair, languages));
            }
            JsonObject request = new JsonObject()
                    .put("text", new JsonArray(new ArrayList<>(texts)))
                    .put("source_lang", pair.sourceLanguage().toUpperCase(Locale.ROOT))
                    .put("target_lang", targetCode(pair.target()))
                    .put("tag_handling", "html");
            return client.postAbs(settings.url("/v2/translate")).timeout(settings.timeout().toMillis())
                    .putHeader("Authorization", authorization)
                    .sendJsonObject(request)
                    .onFailure().transform(failure -> HttpFailures.forTransport(NAME, failure))
                    .map(response -> parseTranslations(response, texts.size()));
        });
    }

    /**
     * DeepL's target code: {@code es}, {@code pt-BR} → {@code ES}, {@code PT-BR}. English and Portuguese need a
     * variant ({@code EN} and {@code PT} alone are deprecated): {@code EN-US} and {@code PT-PT} unless asked.
     */
    static String targetCode(String target) {
        String code = target.toUpperCase(Locale.ROOT);
        return switch (code) {
            case "EN" -> "EN-US";
            case "PT" -> "PT-PT";
            default -> code;
        };
    }

    private Uni<List<String>> languages(String type) {
        return client.getAbs(settings.url("/v2/languages")).addQueryParam("type", type)
                .timeout(settings.timeout().toMillis())
                .putHeader("Authorization", authorization)
                .send()
                .onFailure().transform(failure -> HttpFailures.forTransport(NAME, failure))
                .map(response -> {
                    if (!HttpFailures.isSuccess(response)) {
                        throw HttpFailures.forStatus(NAME, response);
                    }
                    try {
                        List<String> codes = new ArrayList<>();
                        for (Object entry : response.bodyAsJsonArray()) {
                            String code = ((JsonObject) entry).getString("language");
                            if (code != null) {
                                codes.add(code);
                            }
                        }
                        return codes;
                    } catch (DecodeException | ClassCastException e) {
                        throw new MalformedReplyException(NAME + " /v2/languages answer is not a list of languages: "
                                + e.getMessage(), e);
                    }
                });
    }

    private static List<String> parseTranslations(HttpResponse<Buffer> response, int expected) {
        if (!HttpFailures.isSuccess(response)) {
            throw HttpFailures.forStatus(NAME, response);
        }
        try {
            JsonArray translations = response.bodyAsJsonObject().getJsonArray("translations");
            if (translations == null || translations.size() != expected) {
                throw new MalformedReplyException(NAME + " answered "
                        + (translations == null ? "no" : translations.size()) + " translations for " + expected
                        + " texts");
            }
            List<String> texts = new ArrayList<>(expected);
            for (int i = 0; i < expected; i++) {
                String text = translations.getJsonObject(i).getString("text");
                if (text == null) {
                    throw new MalformedReplyException(NAME + " answered no text for text " + (i + 1));
                }
                texts.add(text);
            }
            return texts;
        } catch (DecodeException | ClassCastException e) {
            throw new MalformedReplyException(NAME + " answer is not the expected JSON: " + e.getMessage(), e);
        }
    }
}
