package dev.subtitles.common.messaging;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * A connection of its own to the broker for occasional calls of the blocking AMQP client (passive declares, binds),
 * made on a thread of its own so that they never block an event loop, each RPC bounded by {@code timeout}. The
 * connection is opened on first use and again after {@link #abort}; it does not recover by itself.
 */
public final class BlockingAmqp implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BlockingAmqp.class);

    private final ConnectionFactory factory;
    private final String connectionName;
    private final ExecutorService thread;
    private volatile Connection connection;

    /**
     * @param factory connects to the broker, with connect and handshake bounded
     * @param connectionName the client-provided connection name the broker shows, and the thread's name
     * @param timeout the longest one RPC may take
     */
    public BlockingAmqp(ConnectionFactory factory, String connectionName, Duration timeout) {
        this.factory = factory;
        this.connectionName = connectionName;
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        factory.setChannelRpcTimeout(Math.toIntExact(timeout.toMillis()));
        thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, connectionName);
            t.setDaemon(true);
            return t;
        });
    }

    /** The thread the calls run on. */
    public ExecutorService thread() {
        return thread;
    }

    /** The open connection, opened if there is none; call on {@link #thread()}. */
    public Connection connection() throws IOException, TimeoutException {
        Connection current = connection;
        if (current == null || !current.isOpen()) {
            current = factory.newConnection(connectionName);
            connection = current;
        }
        return current;
    }

    /** Drops the connection at once (a call stuck on it fails); the next use opens another. */
    public void abort() {
        Connection current = connection;
        connection = null;
        if (current != null) {
            try {
                current.abort(1000);
            } catch (RuntimeException e) {
                LOG.debugf("Closing the connection of %s failed: %s", connectionName, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        thread.execute(this::abort);
        thread.shutdown();
    }
}
