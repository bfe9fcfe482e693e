package dev.subtitles.translator.engine;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.smallrye.mutiny.Uni;

/**
 * An engine for tests: "translates" by upper-casing the text outside tags and entities, records every batch it is sent and
 * how many were in flight at once, and can be told to misbehave.
 */
public class FakeEngine implements TranslationEngine {

    private static final Pattern TAG = Pattern.compile("<[^<>]*>|&[#a-zA-Z0-9]+;");

    private final EngineLimits limits;
    private final Set<LanguagePair> pairs;
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Duration latency = Duration.ZERO;
    private volatile int dropsOneAbove = Integer.MAX_VALUE;

    public FakeEngine(EngineLimits limits, LanguagePair... pairs) {
        this.limits = limits;
        this.pairs = Set.of(pairs);
    }

    /** Each batch takes this long to answer. */
    public FakeEngine withLatency(Duration latency) {
        this.latency = latency;
        return this;
    }

    /** Batches of more than {@code size} texts come back one translation short, like a model that drops a cue. */
    public FakeEngine droppingOneAbove(int size) {
        this.dropsOneAbove = size;
        return this;
    }

    public List<List<String>> batches() {
        return batches;
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** What this engine answers for one text. */
    public static String translationOf(String text) {
        Matcher tag = TAG.matcher(text);
        StringBuilder out = new StringBuilder();
        int position = 0;
        while (tag.find()) {
            out.append(text.substring(position, tag.start()).toUpperCase(Locale.ROOT)).append(tag.group());
            position = tag.end();
        }
        return out.append(text.substring(position).toUpperCase(Locale.ROOT)).toString();
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public String model() {
        return "upper-case";
    }

    @Override
    public EngineLimits limits() {
        return limits;
    }

    @Override
    public Uni<LanguageSupport> languageSupport() {
        return Uni.createFrom().item(LanguageSupport.pairs(pairs));
    }

    @Override
    public Uni<LanguageSupport> probe() {
        return languageSupport();
    }

    @Override
    public Uni<List<String>> translate(List<String> texts, LanguagePair pair) {
        batches.add(List.copyOf(texts));
        Uni<List<String>> answer = Uni.createFrom().item(() -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            List<String> translations = texts.stream().map(FakeEngine::translationOf).toList();
            return texts.size() > dropsOneAbove ? translations.subList(0, translations.size() - 1) : translations;
        });
        if (!latency.isZero()) {
            answer = answer.onItem().delayIt().by(latency);
        }
        return answer.eventually(inFlight::decrementAndGet);
    }
}
