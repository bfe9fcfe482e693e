package dev.subtitles.downloader.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.subtitles.common.event.payload.Stage;
import dev.subtitles.common.worker.wiring.Worker;

/** The downloader as a worker of the shared wiring ({@code dev.subtitles.common.worker.wiring}). */
public class WorkerProducer {

    @Produces
    @Singleton
    Worker worker(DownloaderConfig config) {
        return new Worker("downloader", Stage.DOWNLOAD, config);
    }
}
