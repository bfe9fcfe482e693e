package dev.subtitles.translator.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import dev.subtitles.common.worker.wiring.WorkerSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The translator's settings: those every worker has ({@link WorkerSettings}: instance, messaging, retry, delivery) and
 * its own (infrastructure settings are Quarkus' own, in {@code application.properties}).
 */
@ConfigMapping(prefix = "translator")
public interface TranslatorConfig extends WorkerSettings {

    /** The engine that translates: {@code apertium}, {@code libretranslate}, {@code deepl} or {@code openai}. */
    @WithDefault("apertium")
    String engine();

    /**
     * The most batches of one subtitle sent to the engine and not yet answered at one time. Bounds what one job
     * asks of an engine; the messaging concurrency bounds how many jobs run at once.
     */
    @WithDefault("2")
    int maxInFlightBatches();

    Apertium apertium();

    LibreTranslate libretranslate();

    DeepL deepl();

    OpenAi openai();

    /** How readiness checks that the engine can translate. */
    EngineCheck engineCheck();

    interface EngineCheck {

        /** How long a probe's answer stands before the next readiness request asks the engine again. */
        @WithDefault("30S")
        Duration interval();

        /** How long a probe may take before the engine counts as unable to translate. */
        @WithDefault("10S")
        Duration timeout();
    }

    interface Apertium {

        /**
         * How Apertium is reached: {@code cli} runs the {@code apertium} command line on this host, {@code apy} sends
         * the batches to an Apertium APy server ({@link Apy}). The other settings of this group are the command line's.
         */
        @WithDefault("cli")
        Mode mode();

        /** The Apertium APy server, used when {@link #mode()} is {@code apy}. */
        Apy apy();

        /** The {@code apertium} executable: a name on the {@code PATH} or a path. */
        @WithDefault("apertium")
        String command();

        /** The most texts one Apertium run translates; a run costs about a second to start, so batches are big. */
        @WithDefault("500")
        int maxItems();

        /** The most characters one Apertium run translates. */
        @WithDefault("50000")
        int maxChars();

        /** How long one run may take before it is killed and the attempt counted as a transient failure. */
        @WithDefault("120S")
        Duration timeout();

        /** The most Apertium processes at one time, across all jobs (each takes a CPU core while it runs). */
        @WithDefault("2")
        int maxProcesses();

        /** The two ways of running Apertium. */
        enum Mode {
            /** The {@code apertium} command line, one process per batch. */
            CLI,
            /** An Apertium APy HTTP server. */
            APY
        }

        interface Apy {

            /** The APy server's root URL ({@code apertium-apy} listens on port 2737 unless told otherwise). */
            @WithDefault("http://localhost:2737")
            URI url();

            /** The most texts in one request. */
            @WithDefault("20")
            int maxItems();

            /**
             * The most characters of text in one request. With the paragraph markup (8 characters a text) a request
             * stays under 1,000 characters, the size APy never cuts into parts.
             */
            @WithDefault("800")
            int maxChars();

            /** How long one request may take; APy itself gives up on a stuck pipeline after its own timeout. */
            @WithDefault("30S")
            Duration timeout();
        }
    }

    interface LibreTranslate {

        /** The server's root URL, without the API path. */
        @WithDefault("http://localhost:5000")
        URI url();

        /** The {@code api_key}, when the server wants one. */
        Optional<String> apiKey();

        /** The most texts in one request. */
        @WithDefault("50")
        int maxItems();

        /** The most characters in one request (libretranslate.com and many servers limit a request's length). */
        @WithDefault("5000")
        int maxChars();

        /** How long one request may take. */
        @WithDefault("60S")
        Duration timeout();
    }

    interface DeepL {

        /** The API root: {@code https://api-free.deepl.com} for Free keys, {@code https://api.deepl.com} for Pro. */
        @WithDefault("https://api-free.deepl.com")
        URI url();

        /** The authentication key; required when the engine is {@code deepl}. */
        Optional<String> apiKey();

        /** The most texts in one request; DeepL itself takes at most 50. */
        @WithDefault("50")
        int maxItems();

        /** The most characters in one request; 30,000 keeps a request under DeepL's 128 KiB in any script. */
        @WithDefault("30000")
        int maxChars();

        /** How long one request may take. */
        @WithDefault("60S")
        Duration timeout();
    }

    interface OpenAi {

        /** The server's root URL, without {@code /v1/...}: OpenAI, a local Ollama, vLLM. */
        @WithDefault("http://localhost:11434")
        URI url();

        /** The bearer token, when the server wants one. */
        Optional<String> apiKey();

        /** The model to ask for, as the server names it. */
        @WithDefault("llama3.1:8b")
        String model();

        /** Sampling temperature; low keeps translations literal and replies well-formed. */
        @WithDefault("0.1")
        double temperature();

        /** The most cues in one request; fewer cues per request means fewer dropped or merged by the model. */
        @WithDefault("40")
        int maxItems();

        /** The most characters in one request. */
        @WithDefault("6000")
        int maxChars();

        /** How long one request may take; local models are slow. */
        @WithDefault("180S")
        Duration timeout();
    }
}
