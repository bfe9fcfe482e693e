package dev.subtitles.common.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.subtitles.common.schema.Schema;
import dev.subtitles.common.testing.TestSchemas;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * The shared test database on the local PostgreSQL ({@code TEST_DB_NAME}, as in the services' test profile), with
 * schema {@code subtitles} migrated.
 */
final class SubtitlesTestDatabase {

    private static final String HOST = "127.0.0.1";
    private static final int PORT = 5432;
    private static final String USER = "postgres";
    private static final String DATABASE = System.getenv().getOrDefault("TEST_DB_NAME", "subtitles_test");
    private static final String DUPLICATE_DATABASE = "42P04";

    private SubtitlesTestDatabase() {
    }

    /** Creates the database unless it exists; tolerates another build creating it at the same moment. */
    static void createIfMissing() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
                PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet found = exists.executeQuery()) {
                if (found.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("create database " + DATABASE);
            } catch (SQLException e) {
                if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    /** Applies the {@code subtitles} migrations of the {@code migrations} module, as that module does. */
    static void migrate() {
        TestSchemas.migrate(jdbcUrl(DATABASE), Schema.SUBTITLES);
    }

    static Pool pool(Vertx vertx) {
        PgConnectOptions connectOptions = new PgConnectOptions()
                .setHost(HOST)
                .setPort(PORT)
                .setUser(USER)
                .setDatabase(DATABASE);
        return PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(4))
                .connectingTo(connectOptions)
                .using(vertx)
                .build();
    }

    private static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }
}
