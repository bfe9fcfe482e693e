package dev.subtitles.common.worker.wiring;

import java.net.URI;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.Stage;

/**
 * What a worker tells the shared wiring ({@link WorkerBeans}) about itself; each worker produces one as a bean.
 *
 * @param name the service's name: in its events' {@code source}, its broker connections
 *        ({@code <name>-publisher}) and its dead-letter counter ({@code <name>.dead.letters})
 * @param stage the pipeline stage it runs
 * @param settings its settings
 */
public record Worker(String name, Stage stage, WorkerSettings settings) {

    /** The {@code source} of the events this instance publishes. */
    public URI source() {
        return JobEvent.source(name, settings.instance());
    }
}
