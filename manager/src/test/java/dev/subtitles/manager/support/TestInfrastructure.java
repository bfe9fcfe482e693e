package dev.subtitles.manager.support;

import java.io.IOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.ConnectionFactory;

import dev.subtitles.common.messaging.EventsExchange;
import dev.subtitles.common.testing.TcpProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the test run its own names on the shared servers and removes them afterwards: an exchange
 * {@code test-manager-<run>.subtitle.events}, the projection key prefix {@code test-manager-<run>:} (the job view
 * and the job outcomes), and a schema holding the event-consumer's event log, migrated with its own migrations
 * ({@link EventLogTable}). The manager reaches the broker, Redis and PostgreSQL each through a {@link TcpProxy}, so
 * a test can cut one ({@link ServerLink}) without touching the shared servers.
 * <p>
 * With the init argument {@code database=own} the run also gets a database of its own, created empty (the manager
 * migrates it as it starts) and dropped at the end: for tests whose manager acts on every job of its database (the
 * deadline sweep), which must not touch other runs' jobs in {@code subtitles_test}.
 * <p>
 * Tests reach the proxies through their control ports, published as system properties, which works whatever class
 * loader loaded the test and this resource.
 */
public class TestInfrastructure implements QuarkusTestResourceLifecycleManager {

    /** The database the tests share: {@code subtitles_test}, or the one the environment variable TEST_DB_NAME names. */
    public static final String SHARED_DATABASE = System.getenv().getOrDefault("TEST_DB_NAME", "subtitles_test");
    public static final String JDBC_URL = "jdbc:postgresql://localhost:5432/" + SHARED_DATABASE;
    private static final String SERVER_JDBC_URL = "jdbc:postgresql://localhost:5432/postgres";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String exchange = "test-manager-" + run + ".subtitle.events";
    private final String schema = "test_manager_events_" + run;
    private final Map<ServerLink, TcpProxy> proxies = new EnumMap<>(ServerLink.class);
    private String database = SHARED_DATABASE;
    private boolean ownDatabase;

    @Override
    public void init(Map<String, String> initArgs) {
        ownDatabase = "own".equals(initArgs.get("database"));
        if (ownDatabase) {
            database = "test_manager_" + run;
        }
    }

    @Override
    public Map<String, String> start() {
        proxy(ServerLink.BROKER, 5672);
        proxy(ServerLink.REDIS, 6379);
        proxy(ServerLink.POSTGRESQL, 5432);
        if (ownDatabase) {
            EventLogTable.execute(SERVER_JDBC_URL, "create database " + database);
        }
        EventLogTable.create(jdbcUrl(), schema);
        Map<String, String> config = new HashMap<>();
        config.put("manager.exchange", exchange);
        config.put("manager.broker.host", "127.0.0.1");
        config.put("manager.broker.port", Integer.toString(proxies.get(ServerLink.BROKER).port()));
        config.put("manager.broker.connect-timeout", "2s");
        config.put("manager.outbox.confirm-timeout", "3s");
        config.put("manager.outbox.poll-interval", "200ms");
        config.put("quarkus.redis.hosts", "redis://127.0.0.1:" + proxies.get(ServerLink.REDIS).port());
        config.put("quarkus.datasource.reactive.url",
                "postgresql://127.0.0.1:" + proxies.get(ServerLink.POSTGRESQL).port() + "/" + database);
        config.put("quarkus.datasource.jdbc.url", jdbcUrl());
        config.put("quarkus.datasource.subtitles.jdbc.url", jdbcUrl());
        config.put("subtitles.projection.key-prefix", "test-manager-" + run + ":");
        config.put("manager.projection.event-log-schema", schema);
        // Long enough for any test, short enough that the run's outcome keys do not linger in the shared Redis.
        config.put("subtitles.projection.outcome-retention", "30m");
        // Long enough that a prompt long-poll answer can only come from the pub/sub notification.
        config.put("manager.events.wait-recheck-interval", "10s");
        return config;
    }

    @Override
    public void stop() {
        proxies.forEach((link, proxy) -> {
            proxy.close();
            System.clearProperty(link.controlPortKey());
        });
        deleteExchange();
        if (ownDatabase) {
            EventLogTable.execute(SERVER_JDBC_URL, "drop database if exists " + database + " with (force)");
        } else {
            EventLogTable.drop(schema);
        }
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://localhost:5432/" + database;
    }

    private void proxy(ServerLink link, int port) {
        try {
            TcpProxy proxy = new TcpProxy("localhost", port);
            proxies.put(link, proxy);
            System.setProperty(link.controlPortKey(), Integer.toString(proxy.controlPort()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the proxy to " + link, e);
        }
    }

    private void deleteExchange() {
        ConnectionFactory factory = new ConnectionFactory();
        try (com.rabbitmq.client.Connection connection = factory.newConnection();
                com.rabbitmq.client.Channel channel = connection.createChannel()) {
            EventsExchange.delete(channel, exchange);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot delete test exchange " + exchange, e);
        }
    }
}
