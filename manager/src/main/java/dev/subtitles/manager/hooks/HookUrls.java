package dev.subtitles.manager.hooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which callback URLs a hook may have: absolute {@code https} URLs with a host, without credentials or fragment; plain
 * {@code http} only to a loopback host, and only when {@code manager.hooks.allow-http-loopback} says so (a local
 * receiver in development and tests). The host is not resolved here: that would block, and the answer could change
 * before the first delivery.
 */
@ApplicationScoped
public class HookUrls {

    /** The longest URL a hook may have. */
    public static final int MAX_LENGTH = 2048;

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private final boolean allowHttpLoopback;

    public HookUrls(HooksConfig config) {
        this.allowHttpLoopback = config.allowHttpLoopback();
    }

    /** {@code url} as it will be posted to; fails with {@link InvalidHookException} naming what is wrong. */
    String require(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw invalid("is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid("must be an absolute URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid("must not carry credentials");
        }
        if (uri.getRawFragment() != null) {
            throw invalid("must not have a fragment");
        }
        if (scheme.equals("https")) {
            return uri.toString();
        }
        if (scheme.equals("http") && allowHttpLoopback && isLoopback(uri.getHost())) {
            return uri.toString();
        }
        throw invalid(allowHttpLoopback ? "must be https (http only to a loopback host)" : "must be https");
    }

    private static boolean isLoopback(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.equals("[::1]") || IPV4_LOOPBACK.matcher(name).matches();
    }

    private static InvalidHookException invalid(String message) {
        return new InvalidHookException("url", message);
    }
}
