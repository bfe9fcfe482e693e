package dev.subtitles.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.manager.config.ManagerConfig;
import dev.subtitles.manager.support.BrokerOutage;
import dev.subtitles.manager.support.Jobs;
import dev.subtitles.manager.support.PublishedEvents;
import dev.subtitles.manager.support.PublishedEvents.Published;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OutboxRelayTest {

    @Inject
    ManagerConfig config;

    PublishedEvents published;

    @BeforeEach
    void observe() {
        published = new PublishedEvents(config.exchange());
    }

    @AfterEach
    void stopObserving() throws Exception {
        BrokerOutage.end();
        published.close();
    }

    @Test
    void submittedJobIsPublishedAsPersistentCloudEventWithItsTypeAsRoutingKey() {
        UUID jobId = Jobs.submit("Alien");

        await().atMost(Duration.ofSeconds(10)).until(() -> !published.of(jobId).isEmpty());
        Published message = published.of(jobId).get(0);
        assertThat(message.routingKey()).isEqualTo("subtitle.download.requested");
        assertThat(message.properties().getContentType()).isEqualTo("application/cloudevents+json");
        assertThat(message.properties().getDeliveryMode()).isEqualTo(2);
        assertThat(message.properties().getMessageId()).isEqualTo(message.event().id().toString());
        assertThat(message.event().type()).isEqualTo(EventType.DOWNLOAD_REQUESTED);
        DownloadRequested request = message.event().as(DownloadRequested.class).payload();
        assertThat(request.video().title()).isEqualTo("Alien");
        assertThat(request.language()).isEqualTo("pt-BR");
        assertThat(message.event().source().toString()).startsWith("/subtitles/manager/");
    }

    @Test
    void jobsSubmittedWhileTheBrokerIsUnreachableArePublishedExactlyOnceWhenItIsBack() {
        BrokerOutage.begin();
        List<UUID> jobs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            jobs.add(Jobs.submit("Outage " + i));
        }
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> jobs.stream().allMatch(job -> published.of(job).isEmpty()));

        BrokerOutage.end();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> jobs.stream().allMatch(job -> !published.of(job).isEmpty()));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> jobs.stream().allMatch(job -> published.of(job).size() == 1));
        assertThat(jobs).allSatisfy(job -> assertThat(published.of(job)).hasSize(1));
    }
}
