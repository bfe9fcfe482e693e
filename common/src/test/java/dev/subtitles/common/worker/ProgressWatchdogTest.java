package dev.subtitles.common.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class ProgressWatchdogTest {

    private final AtomicLong ready = new AtomicLong();
    private final List<String> restarts = new CopyOnWriteArrayList<>();
    private final ProgressWatchdog watchdog = new ProgressWatchdog("test", Duration.ofMillis(300),
            Duration.ofMillis(300), Duration.ofMillis(50), () -> Uni.createFrom().item(ready.get()), restarts::add);

    @AfterEach
    void stop() {
        watchdog.close();
    }

    @Test
    void deliveryLongerThanTheBoundIsFailedAndReportedUntilAnotherCompletes() {
        Uni<Void> never = Uni.createFrom().nothing();

        assertThatThrownBy(() -> watchdog.watch(never).await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(ProgressWatchdog.StuckDeliveryException.class);
        assertThat(watchdog.problem()).isPresent();

        watchdog.watch(Uni.createFrom().voidItem()).await().atMost(Duration.ofSeconds(5));
        assertThat(watchdog.problem()).isEmpty();
    }

    @Test
    void consumerThatReceivesNothingWhileMessagesWaitIsRestartedAndReported() {
        ready.set(5);
        watchdog.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> !restarts.isEmpty());
        assertThat(watchdog.problem()).hasValueSatisfying(problem -> assertThat(problem).contains("5 message(s)"));

        watchdog.watch(Uni.createFrom().voidItem()).await().atMost(Duration.ofSeconds(5));
        assertThat(watchdog.problem()).isEmpty();
    }

    @Test
    void checkSlowerThanTheIntervalDoesNotEndTheChecks() {
        ProgressWatchdog slowCounting = new ProgressWatchdog("slow", Duration.ofMillis(300), Duration.ofMillis(300),
                Duration.ofMillis(20), () -> Uni.createFrom().item(5L).onItem().delayIt().by(Duration.ofMillis(100)),
                restarts::add);
        try {
            slowCounting.start();

            await().atMost(Duration.ofSeconds(5)).until(() -> restarts.size() >= 2);
        } finally {
            slowCounting.close();
        }
    }

    @Test
    void idleConsumerOfAnEmptyQueueIsHealthy() {
        watchdog.start();

        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> restarts.isEmpty());
        assertThat(watchdog.problem()).isEmpty();
    }
}
