package dev.subtitles.common.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;

/**
 * A Lua script that Redis runs by its SHA-1 ({@code EVALSHA}), so that the body is neither sent nor hashed on every
 * call of a script that runs several times per job. A Redis that does not know the script yet (first call, restart,
 * {@code SCRIPT FLUSH}) answers {@code NOSCRIPT} without running anything; the call is then repeated with the body
 * ({@code EVAL}), which also puts the script into Redis' cache for the next calls. A caller that pipelines several
 * calls sends {@link #sha()} itself and loads {@link #source()} when {@link #isUnknownScript} says Redis lacks it.
 */
public final class LuaScript {

    private final String source;
    private final String sha;

    public LuaScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    /** Runs the script on {@code keyCount} keys, given first in {@code keysThenArgs}, and the arguments after them. */
    public Uni<Response> run(ReactiveRedisDataSource redis, int keyCount, String... keysThenArgs) {
        return redis.execute(Command.EVALSHA, call(sha, keyCount, keysThenArgs))
                .onFailure(LuaScript::isUnknownScript)
                .recoverWithUni(() -> redis.execute(Command.EVAL, call(source, keyCount, keysThenArgs)));
    }

    private static String[] call(String script, int keyCount, String[] keysThenArgs) {
        String[] call = new String[keysThenArgs.length + 2];
        call[0] = script;
        call[1] = Integer.toString(keyCount);
        System.arraycopy(keysThenArgs, 0, call, 2, keysThenArgs.length);
        return call;
    }

    /** The script's text. */
    public String source() {
        return source;
    }

    /** What Redis names the script by: the SHA-1 of its text. */
    public String sha() {
        return sha;
    }

    /** Whether {@code failure} is Redis saying it does not know the script (nothing ran). */
    public static boolean isUnknownScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().contains("NOSCRIPT");
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JVM", e);
        }
    }
}
