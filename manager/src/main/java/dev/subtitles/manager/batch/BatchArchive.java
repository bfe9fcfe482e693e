package dev.subtitles.manager.batch;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.manager.projection.JobState;
import io.smallrye.mutiny.Multi;

/**
 * A batch's archive, ready to stream: the jobs it holds a file of are fixed when it is made.
 *
 * @param fileName the name to offer the client
 * @param body the zip, a piece at a time
 */
public record BatchArchive(String fileName, Multi<byte[]> body) {

    /** What the archive was made from: the batch, each job's state when it was asked for, and the format asked. */
    record Contents(Batch batch, Map<UUID, JobState> states, String format) {

        List<Batch.Member> done() {
            return batch.members().stream().filter(member -> states.get(member.id()).phase() == JobPhase.DONE)
                    .toList();
        }
    }
}
