package dev.subtitles.translator.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.Priority;
import dev.subtitles.common.event.payload.TranslateRequested;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.store.NewSubtitleFile;
import dev.subtitles.common.store.StoredSubtitleFile;
import dev.subtitles.common.store.SubtitleStore;
import dev.subtitles.common.tenant.Tenants;

/** The English SRT fixture ({@code /subtitles/english.srt}) as a job's downloaded file, and its request to Spanish. */
final class EnglishFixture {

    /** The fixture's six sentences (two in its dialogue cue), "translated", as LibreTranslate answers them. */
    static final String TRANSLATION = """
            {"translatedText":["¿Dónde está el coche rojo?","Me gusta la casa.","Nos vamos a casa.",
             "El perro es grande y el gato es pequeño.","¡Buenos días, amigo!","Le dije <b>que no</b> al hombre."]}""";

    private EnglishFixture() {
    }

    /** Stores the fixture as the job's downloaded English subtitle. */
    static StoredSubtitleFile store(SubtitleStore store, UUID jobId) throws IOException {
        try (InputStream in = EnglishFixture.class.getResourceAsStream("/subtitles/english.srt")) {
            String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return store.save(NewSubtitleFile.downloaded(jobId, "en", SubtitleFormat.SRT, content, "test"))
                    .await().atMost(Duration.ofSeconds(5));
        }
    }

    /** The downloader's request to translate the stored fixture from English to Spanish, as SRT. */
    static JobEvent<TranslateRequested> requestToSpanish(UUID jobId, StoredSubtitleFile source) {
        return JobEvent.create(jobId, Tenants.DEFAULT, JobEvent.source("downloader", "test"),
                new TranslateRequested(source.id(), "en", "es", SubtitleFormat.SRT, "test", Priority.NORMAL));
    }
}
