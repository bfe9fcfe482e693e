package dev.subtitles.common.worker.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.payload.Priority;
import dev.subtitles.common.worker.DeliverySettlement;
import dev.subtitles.common.worker.Lane;
import dev.subtitles.common.worker.ProgressWatchdog;
import io.smallrye.mutiny.Uni;

class LanesTest {

    private final Lanes lanes = new Lanes(Arrays.stream(Priority.values()).map(LanesTest::lane).toList());

    @Test
    void eachPriorityHasAChannelOfItsOwn() {
        assertThat(lanes.of(Priority.NORMAL).channel()).isEqualTo("requests");
        assertThat(lanes.of(Priority.HIGH).channel()).isEqualTo("requests-high");
        assertThat(lanes.of(Priority.LOW).channel()).isEqualTo("requests-low");
    }

    @Test
    void aCopyOfAChannelUnderConcurrencyBelongsToItsLane() {
        assertThat(lanes.forChannel("requests$3")).map(Lane::priority).contains(Priority.NORMAL);
        assertThat(lanes.forChannel("requests-high$1")).map(Lane::priority).contains(Priority.HIGH);
        assertThat(lanes.forChannel("requests-low")).map(Lane::priority).contains(Priority.LOW);
    }

    @Test
    void aChannelOfNoLaneHasNone() {
        assertThat(lanes.forChannel("requests-urgent")).isEmpty();
        assertThat(lanes.forChannel("projection")).isEmpty();
    }

    @Test
    void everyPriorityNeedsALane() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Lanes(List.of(lane(Priority.HIGH))));
    }

    private static Lane lane(Priority priority) {
        String channel = RequestListener.channel(priority);
        ProgressWatchdog watchdog = new ProgressWatchdog(channel, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), () -> Uni.createFrom().item(0L), reason -> {
                });
        return new Lane(priority, channel, "queue" + priority.suffix(), new DeliverySettlement(Duration.ofSeconds(1)),
                watchdog, null);
    }
}
