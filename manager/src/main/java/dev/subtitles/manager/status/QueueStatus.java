package dev.subtitles.manager.status;

import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.common.messaging.Topology;
import dev.subtitles.common.status.QueueDepth;
import dev.subtitles.common.status.QueueProbe;
import dev.subtitles.manager.config.ManagerConfig;
import io.smallrye.mutiny.Uni;

/** The work queues and their dead-letter queues as the broker reports them now (passive declares, never cached). */
@ApplicationScoped
public class QueueStatus {

    private final List<String> queues;
    private final QueueProbe probe;

    public QueueStatus(OperationsConfig operations, ManagerConfig config) {
        this.queues = operations.queues();
        this.probe = new QueueProbe(BrokerLink.factory(config), "manager-queue-status",
                QueueProbe.withDeadLetterQueues(queues), operations.brokerTimeout());
    }

    /**
     * One work queue: ready messages and consumers of the queue and of its dead-letter queue, each {@code null} when
     * it could not be read.
     */
    public record QueueView(String name, Long ready, Long consumers, Long deadLettered) {
    }

    /** Every work queue, in configured order; never fails (an unreadable queue has unknown counts). */
    public Uni<List<QueueView>> read() {
        return probe.read().map(depths -> queues.stream().map(queue -> view(queue, depths)).toList());
    }

    private static QueueView view(String queue, Map<String, QueueDepth> depths) {
        QueueDepth work = depths.get(queue);
        QueueDepth dead = depths.get(queue + Topology.DEAD_LETTER_QUEUE_SUFFIX);
        return new QueueView(queue, work.messages(), work.consumers(), dead.messages());
    }

    @PreDestroy
    void close() {
        probe.close();
    }
}
