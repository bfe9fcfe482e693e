package dev.subtitles.common.worker;

import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The delivery tags of one AMQP channel that were delivered and not yet settled, to tell when a single ack with
 * {@code multiple} settles exactly a batch.
 * <p>
 * An ack with {@code multiple} settles every unsettled delivery up to its tag. It may stand for a batch's acks only
 * when no delivery below the batch's highest tag is still in someone's hands (being projected, about to be requeued):
 * otherwise it would ack that delivery too. And the broker closes the channel on an ack of a tag it does not know, so
 * two settlements must not both ack "up to" tags the other already acked: callers hold this object's lock from
 * {@link #settle} until their ack or nack is written. Recording a delivery takes no lock, so the AMQP client's reader
 * thread never waits behind an ack that a congested socket holds up (a new delivery's tag is above every tag being
 * settled, so it cannot change a settlement's answer).
 * <p>
 * A delivery settled by other means (the connector itself) stays here; settlements below it then ack one by one,
 * which is correct, only slower. The channel's ledger goes when the channel closes.
 */
final class UnsettledDeliveries {

    private final NavigableSet<Long> tags = new ConcurrentSkipListSet<>();

    void delivered(long tag) {
        tags.add(tag);
    }

    /**
     * Takes {@code settled} out of the unsettled deliveries; true when none below the highest of them is left, so one
     * ack with {@code multiple} up to that tag acks exactly these (and deliveries settled before). Call with this
     * object's lock held until the ack is written.
     */
    synchronized boolean settle(List<Long> settled) {
        long highest = Long.MIN_VALUE;
        for (long tag : settled) {
            tags.remove(tag);
            highest = Math.max(highest, tag);
        }
        return tags.headSet(highest, false).isEmpty();
    }

    /** How many deliveries are unsettled. */
    int size() {
        return tags.size();
    }
}
