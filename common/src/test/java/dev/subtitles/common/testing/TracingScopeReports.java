package dev.subtitles.common.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What Quarkus reports about OpenTelemetry scopes while it records: a scope closed twice, or while another one is
 * current ("Context in storage not the expected context"), is logged on its context storage's logger. A test that
 * exercises a traced path expects {@link #messages()} to be empty.
 */
public final class TracingScopeReports extends Handler implements AutoCloseable {

    private static final Logger CONTEXT_STORAGE = Logger.getLogger("io.quarkus.opentelemetry.runtime.QuarkusContextStorage");

    private final List<String> messages = new CopyOnWriteArrayList<>();

    private TracingScopeReports() {
    }

    /** Starts recording; {@link #close()} stops it. */
    public static TracingScopeReports record() {
        TracingScopeReports reports = new TracingScopeReports();
        CONTEXT_STORAGE.addHandler(reports);
        return reports;
    }

    /** The reports so far, oldest first. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void publish(LogRecord record) {
        messages.add(record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        CONTEXT_STORAGE.removeHandler(this);
    }
}
