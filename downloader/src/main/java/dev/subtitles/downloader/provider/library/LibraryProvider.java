package dev.subtitles.downloader.provider.library;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.context.CallerContext;
import dev.subtitles.downloader.config.DownloaderConfig;
import dev.subtitles.downloader.provider.Candidate;
import dev.subtitles.downloader.provider.ProviderException;
import dev.subtitles.downloader.provider.SearchQuery;
import dev.subtitles.downloader.provider.SubtitleProvider;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Subtitles from a local folder: the embedded default provider. The folder is indexed at start and again on the
 * first search after a change (a watch service marks the index stale), so files dropped into it are found without
 * a restart. File names carry the metadata, see {@link LibraryFileName}.
 */
@Startup
@ApplicationScoped
public class LibraryProvider implements SubtitleProvider {

    /** The provider's name in configuration and events. */
    public static final String NAME = "library";

    private static final Logger LOG = Logger.getLogger(LibraryProvider.class);

    private final DownloaderConfig.Library config;
    private final AtomicBoolean stale = new AtomicBoolean(true);
    private volatile Path root;
    private volatile LibraryIndex index;
    private WatchService watcher;

    public LibraryProvider(DownloaderConfig config) {
        this.config = config.library();
    }

    @PostConstruct
    void start() {
        root = config.path().orElseGet(SampleLibrary::extract).toAbsolutePath();
        index = currentIndex();
        LOG.infof("Subtitle library %s: %d files", root, index.size());
        watch();
    }

    @PreDestroy
    void stop() throws IOException {
        if (watcher != null) {
            watcher.close();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<List<Candidate>> search(SearchQuery query) {
        return CallerContext.emitOnCaller(Uni.createFrom().item(() -> currentIndex().inLanguages(query.languages()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    @Override
    public Uni<byte[]> download(Candidate candidate) {
        return CallerContext.emitOnCaller(Uni.createFrom().item(() -> read(candidate))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    private byte[] read(Candidate candidate) {
        Path file = root.resolve(candidate.reference()).normalize();
        if (!file.startsWith(root)) {
            throw ProviderException.rejected(NAME, "reference outside the library: " + candidate.reference());
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw ProviderException.unavailable(NAME, "cannot read " + candidate.reference(), e);
        }
    }

    private LibraryIndex currentIndex() {
        if (stale.compareAndSet(true, false)) {
            index = LibraryIndex.scan(root, NAME);
            LOG.debugf("Re-indexed subtitle library %s: %d files", root, index.size());
        }
        return index;
    }

    private void watch() {
        try {
            watcher = FileSystems.getDefault().newWatchService();
            try (Stream<Path> dirs = Files.walk(root)) {
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                            StandardWatchEventKinds.ENTRY_MODIFY);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot watch subtitle library " + root, e);
        }
        Thread thread = new Thread(this::markStaleOnChange, "library-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void markStaleOnChange() {
        try {
            while (true) {
                var key = watcher.take();
                key.pollEvents();
                stale.set(true);
                key.reset();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            LOG.debug("Library watcher closed");
        }
    }
}
