package dev.subtitles.translator.engine.apertium;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

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
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Apertium through an Apertium APy server ({@code translator.apertium.mode=apy}): {@code POST /translate} with
 * {@code langpair=eng|spa}, {@code format=html}, {@code markUnknown=no} and the batch as {@code q},
 * {@link ApertiumParagraphs one paragraph per text}; {@code GET /listPairs} for the installed pairs. The same
 * language data and HTML format as the command line, so the same translations, but APy keeps each pair's pipeline
 * running between requests: no start-up cost per batch, and one server shared by every translator instance.
 * <p>
 * <b>Why batches are small.</b> APy cuts a request's text into at most ten parts of up to {@code PIPE_BUF} bytes,
 * or of 1,000 characters when more than two requests share a pipeline, and silently leaves out what does not fit;
 * a part boundary can also fall inside a sentence. Keeping a request (the texts plus 8 characters of paragraph markup
 * each) under 1,000 characters means APy never cuts it. A cut that still loses text changes the paragraph count and
 * is reported as a {@link MalformedReplyException}, so the batch is split and sent again.
 * <p>
 * Failures are those of every HTTP engine ({@link HttpFailures}): APy answers 503 when a pipeline is stuck or timed
 * out (transient) and 400 for a request it refuses.
 */
public class ApertiumApyEngine implements TranslationEngine {

    private static final Logger LOG = Logger.getLogger(ApertiumApyEngine.class);
    private static final String ORIGIN = "apertium-apy";

    private final WebClient client;
    private final HttpEngineSettings settings;
    private final AtomicReference<ApertiumModes> modes = new AtomicReference<>();

    /**
     * @param client the web client requests go through
     * @param settings the APy server's root URL, the batch limits and the timeout of one request; no API key
     */
    public ApertiumApyEngine(WebClient client, HttpEngineSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** The same engine as the command line: the same language data, so the same name in the events. */
    @Override
    public String name() {
        return ApertiumEngine.NAME;
    }

    /** Apertium translates with rule-based language data, not a model. */
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
        return installedModes().map(installed -> LanguageSupport.pairs(installed.pairs()));
    }

    @Override
    public Uni<List<String>> translate(List<String> texts, LanguagePair pair) {
        return installedModes().flatMap(installed -> {
            String mode = installed.modeFor(pair).orElse(null);
            if (mode == null) {
                return Uni.createFrom().failure(new UnsupportedLanguagePairException(ApertiumEngine.NAME, pair,
                        LanguageSupport.pairs(installed.pairs())));
            }
            MultiMap form = MultiMap.caseInsensitiveMultiMap()
                    .add("langpair", mode.replace('-', '|'))
                    .add("format", "html")
                    .add("markUnknown", "no")
                    .add("q", ApertiumParagraphs.join(texts));
            long started = System.nanoTime();
            return client.postAbs(settings.url("/translate")).timeout(settings.timeout().toMillis())
                    .sendForm(form)
                    .onFailure().transform(failure -> HttpFailures.forTransport(ORIGIN, failure))
                    .map(response -> ApertiumParagraphs.split(translatedText(response), texts.size(),
                            ORIGIN + " " + mode))
                    .invoke(translations -> LOG.debugf("apertium-apy %s translated %d texts in %d ms", mode,
                            texts.size(), (System.nanoTime() - started) / 1_000_000));
        });
    }

    @Override
    public Uni<LanguageSupport> probe() {
        return listPairs().map(installed -> LanguageSupport.pairs(installed.pairs()));
    }

    private Uni<ApertiumModes> installedModes() {
        ApertiumModes known = modes.get();
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return listPairs();
    }

    private Uni<ApertiumModes> listPairs() {
        return client.getAbs(settings.url("/listPairs")).timeout(settings.timeout().toMillis()).send()
                .onFailure().transform(failure -> HttpFailures.forTransport(ORIGIN, failure))
                .map(ApertiumApyEngine::parsePairs)
                .invoke(modes::set);
    }

    /** {@code {"responseData":[{"sourceLanguage":"eng","targetLanguage":"spa"}, ...], "responseStatus":200}}. */
    private static ApertiumModes parsePairs(HttpResponse<Buffer> response) {
        JsonObject body = successBody(response, "/listPairs");
        try {
            JsonArray pairs = body.getJsonArray("responseData");
            if (pairs == null) {
                throw new MalformedReplyException(ORIGIN + " /listPairs answer has no responseData: " + body);
            }
            List<String> names = new ArrayList<>(pairs.size());
            for (Object entry : pairs) {
                JsonObject pair = (JsonObject) entry;
                names.add(pair.getString("sourceLanguage") + "-" + pair.getString("targetLanguage"));
            }
            return ApertiumModes.of(names);
        } catch (ClassCastException e) {
            throw new MalformedReplyException(ORIGIN + " /listPairs answer is not a list of pairs: " + e.getMessage(),
                    e);
        }
    }

    /** {@code {"responseData":{"translatedText":"..."}, "responseDetails":null, "responseStatus":200}}. */
    private static String translatedText(HttpResponse<Buffer> response) {
        JsonObject body = successBody(response, "/translate");
        try {
            JsonObject data = body.getJsonObject("responseData");
            String translated = data == null ? null : data.getString("translatedText");
            if (translated == null) {
                throw new MalformedReplyException(ORIGIN + " /translate answer has no translatedText: " + body);
            }
            return translated;
        } catch (ClassCastException e) {
            throw new MalformedReplyException(ORIGIN + " /translate answer is not the expected JSON: " + e.getMessage(),
                    e);
        }
    }

    private static JsonObject successBody(HttpResponse<Buffer> response, String path) {
        if (!HttpFailures.isSuccess(response)) {
            throw HttpFailures.forStatus(ORIGIN, response);
        }
        JsonObject body;
        try {
            body = response.bodyAsJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw new MalformedReplyException(ORIGIN + " " + path + " answer is not JSON: " + e.getMessage(), e);
        }
        if (body == null) {
            throw new MalformedReplyException(ORIGIN + " " + path + " answer is empty");
        }
        return body;
    }
}
