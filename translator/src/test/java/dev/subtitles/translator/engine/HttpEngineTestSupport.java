package dev.subtitles.translator.engine;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.subtitles.translator.engine.http.HttpEngineSettings;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/** A WireMock server standing in for an engine's API, and a web client to reach it, for HTTP engine tests. */
public abstract class HttpEngineTestSupport {

    protected static WireMockServer server;
    protected static Vertx vertx;
    protected static WebClient client;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        vertx = Vertx.vertx();
        client = WebClient.create(vertx);
    }

    @AfterAll
    static void stopServer() {
        client.close();
        vertx.closeAndAwait();
        server.stop();
    }

    @BeforeEach
    void resetStubs() {
        server.resetAll();
    }

    protected static HttpEngineSettings settings(String apiKey, EngineLimits limits) {
        return new HttpEngineSettings(URI.create(server.baseUrl()), Optional.ofNullable(apiKey), limits,
                Duration.ofSeconds(5));
    }
}
