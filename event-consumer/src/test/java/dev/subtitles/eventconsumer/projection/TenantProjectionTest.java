package dev.subtitles.eventconsumer.projection;

import static dev.subtitles.common.event.EventType.DOWNLOAD_REQUESTED;
import static dev.subtitles.common.event.EventType.DOWNLOAD_STARTED;
import static dev.subtitles.common.event.EventType.SUBTITLE_READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.EventSamples;
import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.projection.JobHash;
import dev.subtitles.common.tenant.Tenants;
import dev.subtitles.eventconsumer.testing.ConsumerTest;
import dev.subtitles.eventconsumer.testing.JobViews;
import dev.subtitles.eventconsumer.testing.TestEvents;
import dev.subtitles.eventconsumer.testing.TestTopology;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The job hash names the tenant the job's events carry, live and after a rebuild from the event log. */
@QuarkusTest
@WithTestResource(value = TestTopology.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TenantProjectionTest extends ConsumerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final String TENANT = "tenant-a";

    @Inject
    JobViews views;
    @Inject
    RebuildService rebuild;

    @Test
    void jobHashNamesTheTenantOfItsEvents() {
        UUID jobId = UUID.randomUUID();

        broker.publish(eventsOf(jobId, TENANT, DOWNLOAD_REQUESTED, DOWNLOAD_STARTED, SUBTITLE_READY));

        await().atMost(PATIENCE).until(() -> views.history(jobId).size() == 3);
        assertThat(views.job(jobId)).containsEntry(JobHash.TENANT, TENANT).containsEntry(JobHash.PHASE, "DONE");
    }

    @Test
    void rebuildFromTheEventLogRestoresTheTenant() {
        UUID jobId = UUID.randomUUID();
        broker.publish(eventsOf(jobId, TENANT, DOWNLOAD_REQUESTED, DOWNLOAD_STARTED));
        await().atMost(PATIENCE).until(() -> views.history(jobId).size() == 2);
        Map<String, String> projected = views.job(jobId);
        views.forget(jobId);

        rebuild.rebuild(jobId).await().atMost(PATIENCE);

        assertThat(views.job(jobId)).containsEntry(JobHash.TENANT, TENANT).isEqualTo(projected);
    }

    @Test
    void eventWithoutTheTenantExtensionBelongsToTheDefaultTenant() {
        JobEvent<EventPayload> requested = TestEvents.event(UUID.randomUUID(), DOWNLOAD_REQUESTED);
        String body = new String(new EventCodec().encode(requested), StandardCharsets.UTF_8);
        String withoutTenant = body.replace(",\"tenant\":\"" + Tenants.DEFAULT + "\"", "");
        assertThat(withoutTenant).isNotEqualTo(body);

        broker.publishRaw(DOWNLOAD_REQUESTED.routingKey(), withoutTenant.getBytes(StandardCharsets.UTF_8),
                new EventCodec().contentType());

        await().atMost(PATIENCE).until(() -> views.history(requested.jobId()).size() == 1);
        assertThat(views.job(requested.jobId())).containsEntry(JobHash.TENANT, Tenants.DEFAULT);
    }

    private static JobEvent<?>[] eventsOf(UUID jobId, String tenant, EventType... types) {
        return List.of(types).stream()
                .map(type -> new JobEvent<>(UUID.randomUUID(), type, TestEvents.SOURCE, jobId, tenant, Instant.now(),
                        EventSamples.TRACEPARENT, EventSamples.payload(type)))
                .toArray(JobEvent<?>[]::new);
    }
}
