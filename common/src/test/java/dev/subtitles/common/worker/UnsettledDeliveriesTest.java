package dev.subtitles.common.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class UnsettledDeliveriesTest {

    private final UnsettledDeliveries unsettled = new UnsettledDeliveries();

    @Test
    void aBatchOfEveryUnsettledDeliveryUpToItsHighestIsSettledByOneMultipleAck() {
        deliver(1, 2, 3, 4);

        assertThat(unsettled.settle(List.of(1L, 2L, 3L))).isTrue();
        assertThat(unsettled.size()).isEqualTo(1);
    }

    @Test
    void aBatchWithAnUnsettledDeliveryBelowItsHighestIsNot() {
        deliver(1, 2, 3);

        assertThat(unsettled.settle(List.of(1L, 3L))).isFalse();
        assertThat(unsettled.size()).isEqualTo(1);
    }

    @Test
    void deliveriesSettledBeforeDoNotStandInTheWay() {
        deliver(1, 2, 3, 4, 5);
        unsettled.settle(List.of(2L));

        assertThat(unsettled.settle(List.of(1L, 3L))).isTrue();
        assertThat(unsettled.settle(List.of(5L))).isFalse();
        assertThat(unsettled.settle(List.of(4L))).isTrue();
        assertThat(unsettled.size()).isZero();
    }

    @Test
    void deliveriesAboveTheBatchDoNotStandInTheWay() {
        deliver(7, 8, 9);

        assertThat(unsettled.settle(List.of(8L, 7L))).isTrue();
    }

    @Test
    void aDeliveryNeverSettledHereKeepsLaterBatchesToOneAckEach() {
        deliver(1, 2, 3);

        assertThat(unsettled.settle(List.of(2L, 3L))).isFalse();
        deliver(4);
        assertThat(unsettled.settle(List.of(4L))).isFalse();
        assertThat(unsettled.size()).isEqualTo(1);
    }

    private void deliver(long... tags) {
        for (long tag : tags) {
            unsettled.delivered(tag);
        }
    }
}
