package dev.subtitles.common.logging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * The log records of a category while a test runs, each with the job id the MDC held at the moment it was logged (on
 * the logging thread, in its Vert.x context): what the JSON formatter writes as {@code mdc.jobId}. Close it to stop.
 */
public final class CapturedLogs extends Handler implements AutoCloseable {

    /** A record as logged: its formatted message and the MDC's job id then ({@code null} for none). */
    public record Line(String message, String jobId) {
    }

    private final Logger logger;
    private final Level previousLevel;
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    private CapturedLogs(String category, Level level) {
        this.logger = Logger.getLogger(category);
        this.previousLevel = logger.getLevel();
        if (level != null) {
            logger.setLevel(level);
        }
        logger.addHandler(this);
    }

    /** Captures what {@code category} logs at its configured level. */
    public static CapturedLogs of(String category) {
        return new CapturedLogs(category, null);
    }

    /** Captures what {@code category} logs at DEBUG and above, its level set back on {@link #close()}. */
    public static CapturedLogs ofDebug(String category) {
        return new CapturedLogs(category, Level.FINE);
    }

    @Override
    public void publish(LogRecord record) {
        ExtLogRecord ext = ExtLogRecord.wrap(record);
        lines.add(new Line(ext.getFormattedMessage(), ext.getMdc(JobMdc.JOB_ID)));
    }

    /** The lines whose message names {@code jobId}. */
    public List<Line> naming(Object jobId) {
        String id = jobId.toString();
        return lines.stream().filter(line -> line.message() != null && line.message().contains(id)).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
    }
}
