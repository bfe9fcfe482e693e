package dev.subtitles.translator.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import dev.subtitles.common.messaging.Topology;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The translator's own settings (infrastructure settings are Quarkus' own, in {@code application.properties}). */
@ConfigMapping(prefix = "translator")
public interface TranslatorConfig {

    /** The engine that translates: {@code apertium}, {@code libretranslate}, {@code deepl} or {@code openai}. */
    @WithDefault("apertium")
    String engine();

    /**
     * The most batches of one subtitle sent to the engine and not yet answered at one time. Bounds what one job
     * asks of an engine; the messaging concurrency bounds how many jobs run at once.
     */
    @WithDefault("2")
    int maxInFlightBatches();

    /** This instance's name in the {@code source} of the events it publishes. */
    @WithDefault("local")
    String instance();

    /** Where requests come from and events go. */
    Messaging messaging();

    /** How transient failures are retried. */
    Retry retry();

    /** Where the one decision of how each job ends is recorded ({@code JobOutcomes}). */
    Outcomes outcomes();

    /** Bounds on every wait on the broker, and the watchdog of the consumer's progress. */
    Delivery delivery();

    Apertium apertium();

    LibreTranslate libretranslate();

    DeepL deepl();

    OpenAi openai();

    interface Messaging {

        /** The topic exchange every event is published to (DESIGN.md §3). */
        @WithDefault(Topology.EXCHANGE)
        String exchange();

        /** The work queue of translation requests; its delay queues and DLQ are named after it. */
        @WithDefault(Topology.TRANSLATOR_QUEUE)
        String queue();

        /** The dead-letter exchange the work queue's DLQ is bound to. */
        @WithDefault(Topology.DEAD_LETTER_EXCHANGE)
        String deadLetterExchange();
    }

    interface Retry {

        /** Attempts of one job before it fails with {@code RETRIES_EXHAUSTED}, the first included. */
        @WithDefault("5")
        int maxAttempts();

        /** The delay before the second attempt; each further delay doubles, up to {@link #maxDelay()}. */
        @WithDefault("10S")
        Duration initialDelay();

        /** The longest delay between two attempts. */
        @WithDefault("10M")
        Duration maxDelay();

        /** Random spread of each delay, as a fraction of it (0.2 = up to 20 % shorter), so retries do not align. */
        @WithDefault("0.2")
        double jitter();
    }

    interface Outcomes {

        /** How long a job's outcome is kept: longer than any job runs, so a late worker still finds it. */
        @WithDefault("7D")
        Duration retention();
    }

    interface Delivery {

        /** The longest a publish waits for the broker's confirm, and an ack or nack for its channel. */
        @WithDefault("10S")
        Duration confirmTimeout();

        /**
         * The longest one delivery may be handled; a longer one is failed and goes back to the queue. Longer than
         * the slowest translation (a film on a slow engine, retries of its batches included).
         */
        @WithDefault("15M")
        Duration maxDeliveryTime();

        /** How long messages may wait on the queue while this consumer receives nothing before it is restarted. */
        @WithDefault("60S")
        Duration stallAfter();

        /** How often the watchdog counts the messages waiting on the queue. */
        @WithDefault("10S")
        Duration checkInterval();
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
