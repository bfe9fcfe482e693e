package dev.subtitles.manager.support;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.ConnectionFactory;

import dev.subtitles.common.testing.TcpProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the test run its own names on the shared servers and removes them afterwards: an exchange
 * {@code test-manager-<run>.subtitle.events} reached through a {@link TcpProxy} (so a test can cut the broker), a
 * Redis key prefix {@code test-manager-<run>:}, and a schema holding the event-consumer's {@code job_event} table
 * created with the event-consumer's DDL (PROJECTION_CONTRACT.md).
 * <p>
 * Tests reach the proxy through its control port, published as a system property, which works whatever class
 * loader loaded the test and this resource.
 */
public class TestInfrastructure implements QuarkusTestResourceLifecycleManager {

    static final String CONTROL_PORT_KEY = "manager-test.broker-proxy.control-port";
    public static final String JDBC_URL = "jdbc:postgresql://localhost:5432/subtitles_test";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String exchange = "test-manager-" + run + ".subtitle.events";
    private final String schema = "test_manager_events_" + run;
    private TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        try {
            proxy = new TcpProxy("localhost", 5672);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the broker proxy", e);
        }
        System.setProperty(CONTROL_PORT_KEY, Integer.toString(proxy.controlPort()));
        EventLogTable.create(schema);
        Map<String, String> config = new HashMap<>();
        config.put("manager.exchange", exchange);
        config.put("manager.broker.host", "127.0.0.1");
        config.put("manager.broker.port", Integer.toString(proxy.port()));
        config.put("manager.broker.connect-timeout", "2s");
        config.put("manager.outbox.confirm-timeout", "3s");
        config.put("manager.outbox.poll-interval", "200ms");
        config.put("manager.projection.key-prefix", "test-manager-" + run + ":");
        config.put("manager.projection.event-log-schema", schema);
        // Long enough that a prompt long-poll answer can only come from the pub/sub notification.
        config.put("manager.events.wait-recheck-interval", "10s");
        return config;
    }

    @Override
    public void stop() {
        proxy.close();
        System.clearProperty(CONTROL_PORT_KEY);
        deleteExchange();
        EventLogTable.drop(schema);
    }

    private void deleteExchange() {
        ConnectionFactory factory = new ConnectionFactory();
        try (com.rabbitmq.client.Connection connection = factory.newConnection();
                com.rabbitmq.client.Channel channel = connection.createChannel()) {
            channel.exchangeDelete(exchange);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot delete test exchange " + exchange, e);
        }
    }
}
