package dev.subtitles.manager.status;

import com.rabbitmq.client.ConnectionFactory;

import dev.subtitles.common.worker.ConfirmedPublisher;
import dev.subtitles.manager.config.ManagerConfig;

/** Connection factories for the operators' tools, to the broker of {@code manager.broker.*}. */
final class BrokerLink {

    private BrokerLink() {
    }

    static ConnectionFactory factory(ManagerConfig config) {
        ManagerConfig.Broker broker = config.broker();
        ConnectionFactory factory = ConfirmedPublisher.factory(broker.host(), broker.port(), broker.username(),
                broker.password(), broker.connectTimeout());
        factory.setVirtualHost(broker.virtualHost());
        return factory;
    }
}
