package dev.subtitles.manager.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The per-tenant cap on live connections of one instance. */
class LiveConnectionLimitsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LiveConnectionLimits limits = new LiveConnectionLimits(TestLimits.liveConnections(2),
            new LimitRefusals(registry));

    @Test
    void tenantGetsUpToTheCapThenIsRefused() {
        limits.acquire("a");
        limits.acquire("a");

        assertThatThrownBy(() -> limits.acquire("a")).isInstanceOfSatisfying(TooManyRequestsException.class,
                refused -> assertThat(refused.retryAfter()).isEqualTo(LiveConnectionLimits.RETRY_AFTER));
        assertThat(limits.open("a")).isEqualTo(2);
        assertThat(registry.get("manager.limits.refusals").tag("limit", LimitRefusals.LIVE_CONNECTIONS).counter()
                .count()).isEqualTo(1);
    }

    @Test
    void tenantsAreCountedApart() {
        limits.acquire("a");
        limits.acquire("a");

        limits.acquire("b");
        limits.acquire("b");

        assertThat(limits.open("a")).isEqualTo(2);
        assertThat(limits.open("b")).isEqualTo(2);
        assertThat(limits.open("c")).isZero();
    }

    @Test
    void closingASlotFreesItForTheNextConnection() {
        LiveConnectionLimits.Slot first = limits.acquire("a");
        limits.acquire("a");

        first.close();

        assertThat(limits.open("a")).isEqualTo(1);
        limits.acquire("a");
        assertThat(limits.open("a")).isEqualTo(2);
    }

    @Test
    void closingASlotTwiceFreesItOnce() {
        LiveConnectionLimits.Slot first = limits.acquire("a");
        limits.acquire("a");

        first.close();
        first.close();

        assertThat(limits.open("a")).isEqualTo(1);
    }

    @Test
    void refusalTakesNoSlot() {
        LiveConnectionLimits.Slot first = limits.acquire("a");
        limits.acquire("a");
        assertThatThrownBy(() -> limits.acquire("a")).isInstanceOf(TooManyRequestsException.class);

        first.close();

        assertThat(limits.open("a")).isEqualTo(1);
    }
}
