package dev.subtitles.translator.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.JobFailed;
import dev.subtitles.common.event.payload.Priority;
import dev.subtitles.common.event.payload.TranslateRequested;
import dev.subtitles.common.event.payload.TranslateStarted;
import dev.subtitles.common.event.payload.Translated;
import dev.subtitles.common.format.Cue;
import dev.subtitles.common.format.Subtitle;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.format.SubtitleParser;
import dev.subtitles.common.messaging.Topology;
import dev.subtitles.common.projection.ProjectionKeys;
import dev.subtitles.common.store.NewSubtitleFile;
import dev.subtitles.common.store.StoredSubtitleFile;
import dev.subtitles.common.store.SubtitleStore;
import dev.subtitles.common.tenant.Tenants;
import dev.subtitles.common.worker.DeadLetterPublisher;
import dev.subtitles.common.worker.EventIds;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The translator as the pipeline sees it: requests on its queue, events on the exchange, real Apertium. */
@QuarkusTest
@QuarkusTestResource(RabbitMqTestTopology.class)
class TranslateRequestFlowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    SubtitleStore store;

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "translator.messaging.exchange")
    String exchange;

    @ConfigProperty(name = "translator.messaging.queue")
    String queue;

    @Inject
    ProjectionKeys keys;

    private final SubtitleParser parser = new SubtitleParser();
    private final UUID jobId = UUID.randomUUID();
    private Broker broker;

    @BeforeEach
    void connect() throws IOException, TimeoutException {
        broker = new Broker(exchange);
    }

    @AfterEach
    void disconnect() throws IOException, TimeoutException {
        broker.close();
        redis.key().del(keys.job(jobId), keys.outcome(jobId));
    }

    @Test
    void englishSubtitleIsTranslatedToSpanishKeepingCuesTimingAndTags() throws Exception {
        StoredSubtitleFile source = storeEnglishFixture();

        broker.publish(request(source.id(), "en", "es", SubtitleFormat.SRT));

        await().atMost(PATIENCE).until(() -> broker.typesOf(jobId).contains(EventType.TRANSLATED));
        assertThat(broker.typesOf(jobId)).containsExactly(EventType.TRANSLATE_STARTED, EventType.TRANSLATED);
        assertThat(broker.eventsOf(jobId).get(0).payload()).isEqualTo(new TranslateStarted(1, "apertium"));
        Translated translated = (Translated) broker.eventsOf(jobId).get(1).payload();
        assertThat(translated.engine()).isEqualTo("apertium");
        assertThat(translated.cueCount()).isEqualTo(5);

        StoredSubtitleFile result = store.findById(translated.fileId()).await().atMost(Duration.ofSeconds(5));
        assertThat(result.origin()).isEqualTo(NewSubtitleFile.MACHINE_TRANSLATED);
        assertThat(result.engine()).isEqualTo("apertium");
        assertThat(result.sourceFileId()).isEqualTo(source.id());
        assertThat(result.language()).isEqualTo("es");
        Subtitle english = parser.parse(source.content(), SubtitleFormat.SRT);
        Subtitle spanish = parser.parse(result.content(), SubtitleFormat.SRT);
        assertThat(spanish.cues()).hasSameSizeAs(english.cues());
        assertThat(spanish.cues()).extracting(Cue::index, Cue::start, Cue::end)
                .isEqualTo(english.cues().stream().map(cue -> tuple(cue.index(), cue.start(), cue.end())).toList());
        assertThat(spanish.cues().get(0).lines()).singleElement().asString().startsWith("{\\an8}<i>")
                .endsWith("</i>");
        assertThat(spanish.cues().get(1).lines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("- "));
        assertThat(spanish.cues().get(2).lines()).hasSize(2)
                .allSatisfy(line -> assertThat(line).startsWith("<i>").endsWith("</i>"));
        assertThat(spanish.cues().get(4).lines()).singleElement().asString().containsPattern("<b>.+</b>");
        for (int i = 0; i < english.cues().size(); i++) {
            assertThat(spanish.cues().get(i).lines()).isNotEqualTo(english.cues().get(i).lines());
        }
    }

    @Test
    void translationIsWrittenInTheRequestedFormat() throws Exception {
        StoredSubtitleFile source = storeEnglishFixture();

        broker.publish(request(source.id(), "en", "es", SubtitleFormat.VTT));

        await().atMost(PATIENCE).until(() -> broker.typesOf(jobId).contains(EventType.TRANSLATED));
        Translated translated = (Translated) broker.eventsOf(jobId).get(1).payload();
        assertThat(translated.format()).isEqualTo(SubtitleFormat.VTT);
        StoredSubtitleFile result = store.findById(translated.fileId()).await().atMost(Duration.ofSeconds(5));
        assertThat(parser.parse(result.content(), SubtitleFormat.VTT).cues()).hasSize(5);
    }

    @Test
    void unsupportedPairFailsNamingThePairAndTheSupportedOnes() throws Exception {
        StoredSubtitleFile source = storeEnglishFixture();

        broker.publish(request(source.id(), "en", "de", SubtitleFormat.SRT));

        await().atMost(PATIENCE).until(() -> broker.typesOf(jobId).contains(EventType.JOB_FAILED));
        assertThat(broker.typesOf(jobId)).containsExactly(EventType.TRANSLATE_STARTED, EventType.JOB_FAILED);
        JobFailed failed = (JobFailed) broker.eventsOf(jobId).get(1).payload();
        assertThat(failed.errorCode()).isEqualTo("UNSUPPORTED_LANGUAGE_PAIR");
        assertThat(failed.message()).contains("en->de").contains("en->es");
    }

    @Test
    void missingSourceFileFailsTheJob() throws Exception {
        broker.publish(request(UUID.randomUUID(), "en", "es", SubtitleFormat.SRT));

        await().atMost(PATIENCE).until(() -> broker.typesOf(jobId).contains(EventType.JOB_FAILED));
        assertThat(((JobFailed) broker.eventsOf(jobId).get(1).payload()).errorCode())
                .isEqualTo("SOURCE_FILE_NOT_FOUND");
    }

    @Test
    void cancelledJobIsDroppedSilentlyAndItsRequestAcked() throws Exception {
        StoredSubtitleFile source = storeEnglishFixture();
        redis.value(String.class).set(keys.outcome(jobId), "cancelled");

        broker.publish(request(source.id(), "en", "es", SubtitleFormat.SRT));

        await().atMost(PATIENCE).until(() -> broker.messagesIn(queue) == 0);
        assertThat(broker.typesOf(jobId)).isEmpty();
        assertThat(redis.value(String.class).get(keys.outcome(jobId))).isEqualTo("cancelled");
    }

    @Test
    void translatedJobRecordsThatTheTranslatorFinishedIt() throws Exception {
        StoredSubtitleFile source = storeEnglishFixture();

        broker.publish(request(source.id(), "en", "es", SubtitleFormat.SRT));

        await().atMost(PATIENCE).until(() -> broker.typesOf(jobId).contains(EventType.TRANSLATED));
        assertThat(redis.value(String.class).get(keys.outcome(jobId))).isEqualTo("finished");
    }

    @Test
    void redeliveredRequestPublishesTheSameEventIdsAgain() throws Exception {
        StoredSubtitleFile source = storeEnglishFixture();
        JobEvent<TranslateRequested> request = request(source.id(), "en", "es", SubtitleFormat.SRT);

        broker.publish(request);
        broker.publish(request);

        await().atMost(PATIENCE).until(() -> broker.typesOf(jobId).stream()
                .filter(EventType.TRANSLATED::equals).count() == 2);
        assertThat(broker.eventsOf(jobId)).extracting(JobEvent::type, JobEvent::id).containsExactlyInAnyOrder(
                tuple(EventType.TRANSLATE_STARTED, EventIds.derive(request.id(), 1, EventType.TRANSLATE_STARTED)),
                tuple(EventType.TRANSLATE_STARTED, EventIds.derive(request.id(), 1, EventType.TRANSLATE_STARTED)),
                tuple(EventType.TRANSLATED, EventIds.derive(request.id(), 1, EventType.TRANSLATED)),
                tuple(EventType.TRANSLATED, EventIds.derive(request.id(), 1, EventType.TRANSLATED)));
    }

    @Test
    void garbageMessageGoesToTheDeadLetterQueueWithTheReason() throws Exception {
        broker.publish("subtitle.translate.requested", "not an event".getBytes(StandardCharsets.UTF_8));

        GetResponse dead = await().atMost(PATIENCE).until(() -> broker.take(queue + Topology.DEAD_LETTER_QUEUE_SUFFIX)
                .orElse(null), response -> response != null);
        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo("not an event");
        assertThat(Broker.headersOf(dead).get(Topology.DEAD_LETTER_REASON_HEADER)).asString()
                .startsWith("undecodable event");
    }

    @Test
    void deadLetterCopyKeepsEveryPropertyAndHeaderOfTheOriginal() throws Exception {
        Date timestamp = Date.from(Instant.parse("2026-01-02T03:04:05Z"));
        AMQP.BasicProperties original = new AMQP.BasicProperties.Builder().messageId("message-1")
                .contentType("application/cloudevents+json").contentEncoding("identity").correlationId("correlation-1")
                .timestamp(timestamp).type("subtitle.translate.requested").appId("a-producer").priority(3)
                .deliveryMode(2).headers(Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                        "x-custom", "kept"))
                .build();

        broker.publish("subtitle.translate.requested", original, "not an event".getBytes(StandardCharsets.UTF_8));

        GetResponse dead = await().atMost(PATIENCE).until(() -> broker.take(queue + Topology.DEAD_LETTER_QUEUE_SUFFIX)
                .orElse(null), response -> response != null);
        AMQP.BasicProperties copy = dead.getProps();
        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo("not an event");
        assertThat(copy.getMessageId()).isEqualTo("message-1");
        assertThat(copy.getContentType()).isEqualTo("application/cloudevents+json");
        assertThat(copy.getContentEncoding()).isEqualTo("identity");
        assertThat(copy.getCorrelationId()).isEqualTo("correlation-1");
        assertThat(copy.getTimestamp()).isEqualTo(timestamp);
        assertThat(copy.getType()).isEqualTo("subtitle.translate.requested");
        assertThat(copy.getAppId()).isEqualTo("a-producer");
        assertThat(copy.getPriority()).isEqualTo(3);
        assertThat(copy.getDeliveryMode()).isEqualTo(2);
        assertThat(Broker.headersOf(dead)).extractingByKeys("traceparent", "x-custom").extracting(String::valueOf)
                .containsExactly("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "kept");
        assertThat(Broker.headersOf(dead).get(Topology.DEAD_LETTER_REASON_HEADER)).asString()
                .startsWith("undecodable event");
        assertThat(Broker.headersOf(dead)).extractingByKeys(DeadLetterPublisher.ORIGINAL_EXCHANGE_HEADER,
                DeadLetterPublisher.ORIGINAL_ROUTING_KEY_HEADER).extracting(String::valueOf)
                .containsExactly(exchange, "subtitle.translate.requested");
    }

    @Test
    void consumerKeepsGoingAfterAGarbageMessage() throws Exception {
        StoredSubtitleFile source = storeEnglishFixture();

        broker.publish("subtitle.translate.requested", "{}".getBytes(StandardCharsets.UTF_8));
        broker.publish(request(source.id(), "en", "de", SubtitleFormat.SRT));

        await().atMost(PATIENCE).until(() -> broker.typesOf(jobId).contains(EventType.JOB_FAILED));
        assertThat(broker.take(queue + Topology.DEAD_LETTER_QUEUE_SUFFIX)).isPresent();
    }

    private StoredSubtitleFile storeEnglishFixture() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/subtitles/english.srt")) {
            String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return store.save(NewSubtitleFile.downloaded(jobId, "en", SubtitleFormat.SRT, content, "test"))
                    .await().atMost(Duration.ofSeconds(5));
        }
    }

    private JobEvent<TranslateRequested> request(UUID sourceFileId, String from, String to, SubtitleFormat format) {
        return JobEvent.create(jobId, Tenants.DEFAULT, JobEvent.source("downloader", "test"),
                new TranslateRequested(sourceFileId, from, to, format, "test", Priority.NORMAL));
    }

}
