package dev.subtitles.common.status;

import java.time.Clock;
import java.time.Instant;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.formatters.PatternFormatter;

/**
 * The last warning or error the service's own code ({@code dev.subtitles.*}) logged, for its heartbeat: what an
 * operator wants to see first about an instance that misbehaves, without searching its logs. A log handler rather
 * than a hook in every class that can fail: every such place already logs.
 */
public final class LastProblem extends Handler implements AutoCloseable {

    private static final String CATEGORY = "dev.subtitles";
    private static final int MAX_LENGTH = 500;

    private final Clock clock;
    /** The message alone, its parameters filled in whatever their style ({@code %s}: without the exception). */
    private final PatternFormatter formatter = new PatternFormatter("%s");
    private volatile Seen last;

    /** What was logged, and when. */
    public record Seen(String message, Instant at) {
    }

    private LastProblem(Clock clock) {
        this.clock = clock;
        setLevel(Level.WARNING);
    }

    /** Starts listening to the warnings and errors of {@code dev.subtitles.*}; {@link #close()} stops. */
    public static LastProblem listen(Clock clock) {
        LastProblem handler = new LastProblem(clock);
        Logger.getLogger(CATEGORY).addHandler(handler);
        return handler;
    }

    /** The last warning or error, {@code null} while there was none. */
    public Seen last() {
        return last;
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String message = formatter.format(record);
        last = new Seen(message.length() > MAX_LENGTH ? message.substring(0, MAX_LENGTH) + "…" : message,
                clock.instant());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger(CATEGORY).removeHandler(this);
    }
}
