package dev.subtitles.eventconsumer.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that publish onto the run's exchange and watch the application project: one broker connection a
 * class, and every test starts once the application's consumer is ready, so nothing a test publishes waits for a
 * consumer that is still starting or reconnecting after the previous test's fault.
 */
public abstract class ConsumerTest {

    /** The connection the tests publish and read the dead-letter queue with. */
    protected static TestBroker broker;

    @BeforeAll
    static void connect() {
        broker = new TestBroker();
    }

    @AfterAll
    static void disconnect() throws Exception {
        broker.close();
    }

    @BeforeEach
    void awaitConsumer() {
        TestTopology.awaitConsumerReady();
    }
}
