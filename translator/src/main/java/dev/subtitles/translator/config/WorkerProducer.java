package dev.subtitles.translator.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.subtitles.common.event.payload.Stage;
import dev.subtitles.common.worker.wiring.Worker;

/** The translator as a worker of the shared wiring ({@code dev.subtitles.common.worker.wiring}). */
public class WorkerProducer {

    @Produces
    @Singleton
    Worker worker(TranslatorConfig config) {
        return new Worker("translator", Stage.TRANSLATE, config);
    }
}
