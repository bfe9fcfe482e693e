package dev.subtitles.common.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.subtitles.common.testing.LocalRedis;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;

/**
 * Against the local Redis. Each test's script carries a fresh id in a comment, so Redis has never seen it: the
 * first call meets {@code NOSCRIPT}, as after a restart of Redis, without flushing the cache other users share.
 */
class LuaScriptTest {

    private static final String KEY = "test:common:lua:" + UUID.randomUUID();
    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final LocalRedis REDIS = new LocalRedis();

    private final ReactiveRedisDataSource redis = REDIS.dataSource();
    private final String source = "-- " + UUID.randomUUID() + "\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])";
    private final LuaScript script = new LuaScript(source);

    @AfterEach
    void removeKey() {
        redis.execute("DEL", KEY).await().atMost(WAIT);
    }

    private long run(long increment) {
        return script.run(redis, 1, KEY, Long.toString(increment)).await().atMost(WAIT).toLong();
    }

    private boolean redisKnowsTheScript() throws NoSuchAlgorithmException {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                .digest(source.getBytes(StandardCharsets.UTF_8)));
        return redis.execute("SCRIPT", "EXISTS", sha).await().atMost(WAIT).get(0).toInteger() == 1;
    }

    @Test
    void scriptRedisDoesNotKnowRunsOnceAndIsCachedUnderItsSha() throws NoSuchAlgorithmException {
        assertThat(redisKnowsTheScript()).isFalse();

        assertThat(run(2)).isEqualTo(2);

        assertThat(redisKnowsTheScript()).isTrue();
    }

    @Test
    void cachedScriptRunsByItsSha() {
        run(2);

        assertThat(run(3)).isEqualTo(5);
    }
}
