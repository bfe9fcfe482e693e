package dev.subtitles.translator.engine.apertium;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import dev.subtitles.common.context.CallerContext;
import dev.subtitles.common.event.payload.ErrorCode;
import dev.subtitles.translator.engine.EngineLimits;
import dev.subtitles.translator.engine.LanguagePair;
import dev.subtitles.translator.engine.LanguageSupport;
import dev.subtitles.translator.engine.PermanentEngineException;
import dev.subtitles.translator.engine.TransientEngineException;
import dev.subtitles.translator.engine.TranslationEngine;
import dev.subtitles.translator.engine.UnsupportedLanguagePairException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Apertium, offline, through its command line ({@code translator.apertium.mode=cli}): {@code apertium -u -f html
 * <mode>}.
 * <p>
 * <b>Why the command line is the default.</b> It needs no server to deploy, watch and keep in step with the
 * installed language data ({@link ApertiumApyEngine} is the mode for a shared Apertium APy server); what it costs is
 * the start of the pipeline (about a second), paid once per run. So batches are large (hundreds of texts, a film in a
 * few runs), travelling as {@link ApertiumParagraphs}. {@code -u} drops the {@code *} Apertium puts before words it
 * does not know.
 * <p>
 * <b>Threads.</b> A run blocks, so runs happen on this engine's own pool of {@code maxProcesses} threads, never on
 * an event loop; the pool size is also the bound on Apertium processes running at once across all jobs.
 */
public class ApertiumEngine implements TranslationEngine, AutoCloseable {

    public static final String NAME = "apertium";

    private static final Logger LOG = Logger.getLogger(ApertiumEngine.class);

    private final String command;
    private final EngineLimits limits;
    private final Duration timeout;
    private final ExecutorService processes;
    private final AtomicReference<ApertiumModes> modes = new AtomicReference<>();

    /**
     * @param command the {@code apertium} executable, a name on the {@code PATH} or a path
     * @param limits the largest batch one run translates
     * @param timeout how long one run may take before it is killed
     * @param maxProcesses the most Apertium runs at one time
     */
    public ApertiumEngine(String command, EngineLimits limits, Duration timeout, int maxProcesses) {
        this.command = command;
        this.limits = limits;
        this.timeout = timeout;
        AtomicInteger threads = new AtomicInteger();
        this.processes = Executors.newFixedThreadPool(maxProcesses, runnable -> {
            Thread thread = new Thread(runnable, "apertium-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Apertium translates with rule-based language data, not a model: the mode names the data used. */
    @Override
    public String model() {
        return null;
    }

    @Override
    public EngineLimits limits() {
        return limits;
    }

    @Override
    public Uni<LanguageSupport> languageSupport() {
        return installedModes().map(installed -> LanguageSupport.pairs(installed.pairs()));
    }

    @Override
    public Uni<List<String>> translate(List<String> texts, LanguagePair pair) {
        return CallerContext.emitOnCaller(installedModes()
                .map(installed -> installed.modeFor(pair)
                        .orElseThrow(() -> new UnsupportedLanguagePairException(NAME, pair,
                                LanguageSupport.pairs(installed.pairs()))))
                .flatMap(mode -> Uni.createFrom().item(() -> run(mode, texts)).runSubscriptionOn(processes)));
    }

    @Override
    public void close() {
        processes.shutdownNow();
    }

    /** Lists the modes on a worker thread rather than the engine's own pool, so a probe never waits for a run. */
    @Override
    public Uni<LanguageSupport> probe() {
        return listModes(Infrastructure.getDefaultWorkerPool())
                .map(installed -> LanguageSupport.pairs(installed.pairs()));
    }

    private Uni<ApertiumModes> installedModes() {
        ApertiumModes known = modes.get();
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return listModes(processes);
    }

    private Uni<ApertiumModes> listModes(Executor executor) {
        return Uni.createFrom().item(() -> ApertiumModes.parse(execute(List.of(command, "-l"), "")))
                .runSubscriptionOn(executor)
                .invoke(modes::set);
    }

    private List<String> run(String mode, List<String> texts) {
        long started = System.nanoTime();
        String output = execute(List.of(command, "-u", "-f", "html", mode), ApertiumParagraphs.join(texts));
        LOG.debugf("apertium %s translated %d texts in %d ms", mode, texts.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return ApertiumParagraphs.split(output, texts.size(), "apertium " + mode);
    }

    /** Runs a command with files for its standard streams: no pipe can fill up and stall it. */
    private String execute(List<String> commandLine, String input) {
        Path directory = null;
        try {
            directory = Files.createTempDirectory("apertium");
            Path in = Files.writeString(directory.resolve("in"), input, StandardCharsets.UTF_8);
            Path out = directory.resolve("out");
            Path err = directory.resolve("err");
            Process process = new ProcessBuilder(commandLine).redirectInput(in.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new TransientEngineException("apertium did not answer within " + timeout, null);
            }
            if (process.exitValue() != 0) {
                throw new TransientEngineException("apertium exited with " + process.exitValue() + ": "
                        + Files.readString(err, StandardCharsets.UTF_8).strip(), null);
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PermanentEngineException(ErrorCode.ENGINE_UNAVAILABLE.name(),
                    "cannot run apertium (" + String.join(" ", commandLine) + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientEngineException("interrupted while apertium was running", e);
        } finally {
            deleteQuietly(directory);
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            LOG.debugf("could not delete %s: %s", directory, e.getMessage());
        }
    }
}
