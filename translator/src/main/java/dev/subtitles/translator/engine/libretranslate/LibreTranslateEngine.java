package dev.subtitles.translator.engine.libretranslate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * LibreTranslate (self-hosted or libretranslate.com): {@code POST /translate} with the batch as the {@code q}
 * array, {@code format=html}, and the {@code api_key} when one is configured; {@code GET /languages} for the pairs.
 */
public class LibreTranslateEngine implements TranslationEngine {

    public static final String NAME = "libretranslate";

    private final WebClient client;
    private final HttpEngineSettings settings;
    private final AtomicReference<LanguageSupport> support = new AtomicReference<>();

    public LibreTranslateEngine(WebClient client, HttpEngineSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** LibreTranslate serves one set of Argos models; it does not name them. */
    @Override
    public String model() {
        return null;
    }

    @Override
    public EngineLimits limits() {
        return settings.limits();
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
        return client.getAbs(settings.url("/languages")).timeout(settings.timeout().toMillis()).send()
                .onFailure().transform(failure -> HttpFailures.forTransport(NAME, failure))
                .map(this::parseLanguages)
                .invoke(support::set);
    }

    @Override
    public Uni<List<String>> translate(List<String> texts, LanguagePair pair) {
        return languageSupport().flatMap(languages -> {
            if (!languages.supports(pair)) {
                return Uni.createFrom().failure(new UnsupportedLanguagePairException(NAME, pair, languages));
            }
            JsonObject request = new JsonObject()
                    .put("q", new JsonArray(new ArrayList<>(texts)))
                    .put("source", pair.sourceLanguage())
                    .put("target", pair.targetLanguage())
                    .put("format", "html");
            settings.apiKey().ifPresent(key -> request.put("api_key", key));
            return client.postAbs(settings.url("/translate")).timeout(settings.timeout().toMillis())
                    .sendJsonObject(request)
                    .onFailure().transform(failure -> HttpFailures.forTransport(NAME, failure))
                    .map(response -> parseTranslations(response, texts.size()));
        });
    }

    private LanguageSupport parseLanguages(HttpResponse<Buffer> response) {
        if (!HttpFailures.isSuccess(response)) {
            throw HttpFailures.forStatus(NAME, response);
        }
        try {
            Set<LanguagePair> pairs = new HashSet<>();
            for (Object entry : response.bodyAsJsonArray()) {
                JsonObject language = (JsonObject) entry;
                String code = language.getString("code");
                if (code == null) {
                    throw new MalformedReplyException(NAME + " listed a language without a code: " + language);
                }
                for (Object target : language.getJsonArray("targets", new JsonArray())) {
                    if (!code.equals(target)) {
                        pairs.add(new LanguagePair(code, (String) target));
                    }
                }
            }
            return LanguageSupport.pairs(pairs);
        } catch (DecodeException | ClassCastException e) {
            throw new MalformedReplyException(NAME + " /languages answer is not a list of languages: "
                    + e.getMessage(), e);
        }
    }

    private static List<String> parseTranslations(HttpResponse<Buffer> response, int expected) {
        if (!HttpFailures.isSuccess(response)) {
            throw HttpFailures.forStatus(NAME, response);
        }
        try {
            JsonArray translated = response.bodyAsJsonObject().getJsonArray("translatedText");
            if (translated == null || translated.size() != expected) {
                throw new MalformedReplyException(NAME + " answered " + (translated == null ? "no" : translated.size())
                        + " translations for " + expected + " texts");
            }
            List<String> texts = new ArrayList<>(expected);
            for (int i = 0; i < expected; i++) {
                String text = translated.getString(i);
                if (text == null) {
                    throw new MalformedReplyException(NAME + " answered null for text " + (i + 1));
                }
                texts.add(text);
            }
            return texts;
        } catch (DecodeException | ClassCastException e) {
            throw new MalformedReplyException(NAME + " answer is not the expected JSON: " + e.getMessage(), e);
        }
    }
}
