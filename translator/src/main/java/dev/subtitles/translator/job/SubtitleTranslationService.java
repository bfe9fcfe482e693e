package dev.subtitles.translator.job;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.event.payload.ErrorCode;
import dev.subtitles.common.event.payload.TranslateRequested;
import dev.subtitles.common.format.Cue;
import dev.subtitles.common.format.Subtitle;
import dev.subtitles.common.format.SubtitleParseException;
import dev.subtitles.common.format.SubtitleParser;
import dev.subtitles.common.format.SubtitleWriter;
import dev.subtitles.common.store.NewSubtitleFile;
import dev.subtitles.common.store.StoredSubtitleFile;
import dev.subtitles.common.store.SubtitleStore;
import dev.subtitles.common.store.SubtitleTooLargeException;
import dev.subtitles.translator.config.TranslatorConfig;
import dev.subtitles.translator.engine.LanguagePair;
import dev.subtitles.translator.engine.TranslationEngine;
import dev.subtitles.translator.engine.UnsupportedLanguagePairException;
import dev.subtitles.translator.translation.BatchTranslator;
import dev.subtitles.translator.translation.CueTranslator;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;

/**
 * Translates one stored subtitle: loads it, checks the engine takes the pair, translates the cue texts, writes the
 * result in the requested format and stores it as a machine translation. Cues keep their number, timing, WebVTT
 * identifiers and settings; only their text changes.
 */
@ApplicationScoped
public class SubtitleTranslationService {

    public static final String SOURCE_FILE_NOT_FOUND = ErrorCode.SOURCE_FILE_NOT_FOUND.name();
    public static final String SOURCE_FILE_UNREADABLE = ErrorCode.SOURCE_FILE_UNREADABLE.name();
    public static final String RESULT_TOO_LARGE = ErrorCode.RESULT_TOO_LARGE.name();

    private static final Logger LOG = Logger.getLogger(SubtitleTranslationService.class);

    private final TranslationEngine engine;
    private final SubtitleStore store;
    private final CueTranslator cueTranslator;
    private final SubtitleParser parser = new SubtitleParser();
    private final SubtitleWriter writer = new SubtitleWriter();

    public SubtitleTranslationService(TranslationEngine engine, SubtitleStore store, TranslatorConfig config) {
        this.engine = engine;
        this.store = store;
        this.cueTranslator = new CueTranslator(new BatchTranslator(config.maxInFlightBatches()));
    }

    /** The engine jobs are translated with. */
    public TranslationEngine engine() {
        return engine;
    }

    /**
     * @param beforeStoring run after translating and before storing; fails (e.g. with
     *        {@link JobEndedElsewhereException}) to stop the job there
     */
    @WithSpan("SubtitleTranslationService.translate")
    public Uni<TranslatedFile> translate(UUID jobId, TranslateRequested request, Supplier<Uni<Void>> beforeStoring) {
        LanguagePair pair = new LanguagePair(request.sourceLanguage(), request.targetLanguage());
        LOG.debugf("job %s: translating file %s %s with %s", jobId, request.sourceFileId(), pair, engine.name());
        return engine.languageSupport()
                .invoke(support -> {
                    if (!support.supports(pair)) {
                        throw new UnsupportedLanguagePairException(engine.name(), pair, support);
                    }
                })
                .flatMap(supported -> store.findById(request.sourceFileId()))
                .map(source -> parse(source, request))
                .flatMap(source -> cueTranslator.translate(engine, pair, linesOf(source))
                        .map(lines -> withLines(source, lines)))
                .call(translated -> beforeStoring.get())
                .flatMap(translated -> store.save(NewSubtitleFile.machineTranslated(jobId, request.targetLanguage(),
                        request.format(), writer.write(translated, request.format()), engine.name(), engine.model(),
                        request.sourceFileId()))
                        .map(stored -> new TranslatedFile(stored, translated.cues().size())))
                .onFailure(SubtitleTooLargeException.class).transform(tooLarge -> new UntranslatableSubtitleException(
                        RESULT_TOO_LARGE, "the translated subtitle is too large to store: " + tooLarge.getMessage(),
                        tooLarge));
    }

    private Subtitle parse(StoredSubtitleFile source, TranslateRequested request) {
        if (source == null) {
            throw new UntranslatableSubtitleException(SOURCE_FILE_NOT_FOUND,
                    "the subtitle file to translate (" + request.sourceFileId() + ") is not stored", null);
        }
        try {
            return parser.parse(source.content(), source.format());
        } catch (SubtitleParseException e) {
            throw new UntranslatableSubtitleException(SOURCE_FILE_UNREADABLE,
                    "the subtitle file to translate is not a valid " + source.format().extension() + " file: "
                            + e.getMessage(),
                    e);
        }
    }

    private static List<List<String>> linesOf(Subtitle subtitle) {
        return subtitle.cues().stream().map(Cue::lines).toList();
    }

    private static Subtitle withLines(Subtitle source, List<List<String>> lines) {
        List<Cue> cues = source.cues();
        return source.withCues(IntStream.range(0, cues.size())
                .mapToObj(i -> cues.get(i).withLines(lines.get(i).stream().map(line -> line.replace("-->", "->"))
                        .toList()))
                .toList());
    }
}
