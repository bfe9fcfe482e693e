package dev.subtitles.translator.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A WireMock server standing in for LibreTranslate, injected into test fields marked {@link Inject}. */
public class LibreTranslateStub implements QuarkusTestResourceLifecycleManager {

    /** Marks the field that receives the running {@link WireMockServer}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    private WireMockServer server;

    /** Forgets the stubs and requests of earlier tests and offers English to Spanish, as the tests' requests ask. */
    public static void reset(WireMockServer server) {
        server.resetAll();
        server.stubFor(get("/languages").willReturn(okJson("""
                [{"code":"en","name":"English","targets":["es"]}]""")));
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        return Map.of("translator.engine", "libretranslate", "translator.libretranslate.url", server.baseUrl());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(Inject.class,
                WireMockServer.class));
    }

    @Override
    public void stop() {
        server.stop();
    }
}
