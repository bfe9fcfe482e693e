package dev.subtitles.translator.engine.http;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import dev.subtitles.translator.engine.EngineLimits;

/**
 * What every HTTP engine needs to know about its server.
 *
 * @param baseUrl the server's root, without the API path (e.g. {@code https://api-free.deepl.com})
 * @param apiKey the key the server wants, when it wants one
 * @param limits the largest batch one request carries
 * @param timeout how long one request may take
 */
public record HttpEngineSettings(URI baseUrl, Optional<String> apiKey, EngineLimits limits, Duration timeout) {

    /** The absolute URL of {@code path} on this server. */
    public String url(String path) {
        String root = baseUrl.toString();
        return (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + path;
    }

    /** {@code "***"} instead of the key, so settings can be logged. */
    @Override
    public String toString() {
        return "HttpEngineSettings[baseUrl=" + baseUrl + ", apiKey=" + apiKey.map(key -> "***").orElse("none")
                + ", limits=" + limits + ", timeout=" + timeout + "]";
    }
}
