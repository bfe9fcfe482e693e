package dev.subtitles.e2e;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The four packaged services on names of their own and a database of their own ({@link E2eNames#withOwnDatabase()},
 * so that no other run's manager relays their outbox), with a tap on their exchange. Closing stops the services and
 * deletes what the run created: its queues, exchanges, Redis keys and database.
 */
public final class IsolatedStack implements AutoCloseable {

    private final E2eNames names;
    private final BrokerTap tap;
    private final Stack stack;

    private IsolatedStack(E2eNames names, BrokerTap tap, Stack stack) {
        this.names = names;
        this.tap = tap;
        this.stack = stack;
    }

    /**
     * Starts the run; {@code serviceEnvironments} adds to the environment of the services it names (see
     * {@link Stack#start(Map, java.util.List, Map)}).
     */
    public static IsolatedStack start(Map<String, Map<String, String>> serviceEnvironments)
            throws IOException, InterruptedException, TimeoutException {
        E2eNames names = E2eNames.withOwnDatabase();
        BrokerTap tap = null;
        try {
            // the tap declares the exchange, so it sees the very first event
            tap = BrokerTap.on(names.exchange());
            Stack stack = Stack.start(names.environment(), Stack.SERVICES, serviceEnvironments);
            return new IsolatedStack(names, tap, stack);
        } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
            try {
                if (tap != null) {
                    tap.close();
                }
                names.delete();
            } catch (IOException | TimeoutException | InterruptedException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    public E2eNames names() {
        return names;
    }

    public Stack stack() {
        return stack;
    }

    public BrokerTap tap() {
        return tap;
    }

    @Override
    public void close() throws IOException, TimeoutException, InterruptedException {
        try {
            stack.close();
        } finally {
            try {
                tap.close();
            } finally {
                names.delete();
            }
        }
    }
}
