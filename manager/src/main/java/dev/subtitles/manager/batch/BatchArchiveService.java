package dev.subtitles.manager.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.subtitles.common.format.SubtitleConverter;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.common.store.SubtitleStore;
import dev.subtitles.manager.repository.SubtitleVersionRepository;
import dev.subtitles.manager.service.JobStateService;
import dev.subtitles.manager.service.Outages;
import dev.subtitles.manager.service.SubtitleService;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * A zip of the files of a batch's done jobs, streamed one file at a time: each file is read from the store (converted
 * when another format is asked for), compressed on a worker thread and sent before the next is read, so at most one
 * file is held. An episode's file is named by season and episode ({@code S01E03.es.srt}), another video's by its
 * title ({@code the-film.es.srt}); a name that repeats gets the job's position in the batch in front. The last entry,
 * {@code manifest.json}, lists every job of the batch with the
 * phase it was in when the archive was asked for and the name of its file, if the archive holds one: a batch still
 * running gives an archive of what is done so far. With no job done there is nothing to archive (409).
 */
@ApplicationScoped
public class BatchArchiveService {

    private static final Logger LOG = Logger.getLogger(BatchArchiveService.class);
    static final String MANIFEST = "manifest.json";

    private final BatchQueryService batches;
    private final JobStateService states;
    private final SubtitleStore store;
    private final SubtitleVersionRepository versions;
    private final SubtitleConverter converter;
    private final ObjectMapper mapper;
    private final Outages outages;

    public BatchArchiveService(BatchQueryService batches, JobStateService states, SubtitleStore store,
            SubtitleVersionRepository versions, SubtitleConverter converter, ObjectMapper mapper, Outages outages) {
        this.batches = batches;
        this.states = states;
        this.store = store;
        this.versions = versions;
        this.converter = converter;
        this.mapper = mapper;
        this.outages = outages;
    }

    /**
     * The archive of batch {@code id} of {@code tenant}.
     *
     * @param format {@code srt} or {@code vtt} for every file, or {@code null} for the batch's format
     * @return fails with {@link BatchNotFoundException}, or {@link NothingDoneException} while no job is done
     */
    @WithSpan("BatchArchiveService.archive")
    public Uni<BatchArchive> archive(String tenant, String id, String format) {
        SubtitleFormat requested = SubtitleService.parseFormat(format);
        UUID batchId = BatchIds.parse(id);
        return outages.guard(batches.owned(tenant, batchId, id).flatMap(batch -> states
                .shownStatesOf(batch.members().stream().map(Batch.Member::id).toList())
                .map(shown -> new BatchArchive.Contents(batch, shown, requested == null ? batch.format()
                        : requested.extension()))))
                .map(contents -> {
                    List<Batch.Member> done = contents.done();
                    if (done.isEmpty()) {
                        throw new NothingDoneException(batchId);
                    }
                    LOG.debugf("archiving %d file(s) of batch %s", done.size(), batchId);
                    return new BatchArchive(batchId + ".zip", body(contents, done));
                });
    }

    private Multi<byte[]> body(BatchArchive.Contents contents, List<Batch.Member> done) {
        Zip zip = new Zip();
        Map<UUID, String> names = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        List<Batch.Member> members = contents.batch().members();
        // The store is read on the request's context; only the compression moves to a worker thread.
        Multi<byte[]> files = Multi.createFrom().iterable(done)
                .onItem().transformToUniAndConcatenate(member -> outages.guard(file(member, contents))
                        .emitOn(Infrastructure.getDefaultWorkerPool())
                        .map(content -> {
                            String name = unique(name(member, contents), members.indexOf(member), taken);
                            names.put(member.id(), name);
                            return zip.entry(name, content.getBytes(StandardCharsets.UTF_8));
                        }));
        return files.onCompletion().switchTo(() -> Multi.createFrom().item(() -> {
            byte[] manifest = zip.entry(MANIFEST, manifest(contents, names));
            return concat(manifest, zip.finish());
        }));
    }

    /**
     * The text of a done job's file (its latest version, as {@code GET /jobs/{id}/subtitle} serves it) in the
     * archive's format, converted when it was stored in the other one.
     */
    private Uni<String> file(Batch.Member member, BatchArchive.Contents contents) {
        UUID firstFileId = contents.states().get(member.id()).result().fileId();
        SubtitleFormat format = SubtitleFormat.fromName(contents.format());
        return versions.fileOf(member.id(), firstFileId, null).flatMap(fileId -> store.findById(fileId)
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "job " + member.id() + " refers to file " + fileId + ", which is not stored")))
                .map(file -> file.format() == format ? file.content() : converter.convert(file.content(), format));
    }

    /** {@code S01E03.es.srt} for an episode; {@code <title>.<language>.<format>} for another video. */
    private static String name(Batch.Member member, BatchArchive.Contents contents) {
        String language = contents.batch().language().replaceAll("[^A-Za-z0-9-]", "");
        if (member.season() != null && member.episode() != null) {
            return String.format(Locale.ROOT, "S%02dE%02d.%s.%s", member.season(), member.episode(), language,
                    contents.format());
        }
        String title = Normalizer.normalize(member.title(), Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return (title.isEmpty() ? "subtitle" : title) + "." + language + "." + contents.format();
    }

    private static String unique(String name, int position, Set<String> taken) {
        String unique = taken.contains(name) ? (position + 1) + "-" + name : name;
        taken.add(unique);
        return unique;
    }

    private byte[] manifest(BatchArchive.Contents contents, Map<UUID, String> names) {
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (Batch.Member member : contents.batch().members()) {
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("id", member.id());
            job.put("title", member.title());
            job.put("season", member.season());
            job.put("episode", member.episode());
            JobPhase phase = contents.states().get(member.id()).phase();
            job.put("phase", phase);
            job.put("file", names.get(member.id()));
            jobs.add(job);
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("batchId", contents.batch().id());
        manifest.put("jobs", jobs);
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest of ids, texts and numbers always serialises", e);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** A zip written a piece at a time: each call answers the bytes it produced. Used by one thread at a time. */
    private static final class Zip {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);

        byte[] entry(String name, byte[] content) {
            try {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(content);
                zip.closeEntry();
                return taken();
            } catch (IOException e) {
                throw new UncheckedIOException("writing to memory does not fail", e);
            }
        }

        byte[] finish() {
            try {
                zip.finish();
                return taken();
            } catch (IOException e) {
                throw new UncheckedIOException("writing to memory does not fail", e);
            }
        }

        private byte[] taken() {
            byte[] bytes = out.toByteArray();
            out.reset();
            return bytes;
        }
    }
}
