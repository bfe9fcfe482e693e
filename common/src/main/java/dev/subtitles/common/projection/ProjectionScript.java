package dev.subtitles.common.projection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.common.phase.PhaseMachine;
import dev.subtitles.common.redis.LuaScript;

/**
 * The one writer of a job's Redis view: the Lua script {@code redis/project-event.lua}, which applies one recorded
 * event to the job hash ({@link JobHash}) and history and announces its entry, atomically, and the arguments it takes.
 * The event-consumer projects every event through it; the manager's tests project through it too, so what they read
 * is what the event-consumer writes.
 * <p>
 * The script is given the phase transitions of the event's type: the moves {@link PhaseMachine#apply} makes from
 * every current phase (and from no phase yet), so the phase order is defined once, in Java.
 */
public final class ProjectionScript {

    /** The script, run by its SHA-1. */
    public static final LuaScript SCRIPT = new LuaScript(load());
    /** How many of the arguments of {@link #call} are keys. */
    public static final int KEY_COUNT = 2;

    /** "No phase yet" in the script's transition table. */
    private static final String NO_PHASE = "";
    private static final Map<EventType, String> TRANSITIONS = transitions();

    private final ProjectionKeys keys;
    private final String historyCap;
    private final String ttlSeconds;

    /**
     * @param historyCap entries kept in a job's history; older ones are dropped (they stay in the event log)
     * @param ttl lifetime of a job's keys after its latest event
     */
    public ProjectionScript(ProjectionKeys keys, int historyCap, Duration ttl) {
        this.keys = keys;
        this.historyCap = Integer.toString(historyCap);
        this.ttlSeconds = Long.toString(ttl.toSeconds());
    }

    /**
     * The keys ({@link #KEY_COUNT}) then the arguments of the script that projects {@code event}, recorded with
     * {@code entry}.
     * <p>
     * The script answers 1 when it projected the event, 0 when the entry was there already (a redelivered duplicate,
     * which changes nothing and is not announced again), and, for an event it projected that moved its job into a
     * terminal phase, the {@code time} of the job's {@code subtitle.download.requested} ('' when the history no
     * longer or not yet holds it).
     *
     * @param time the event's {@code time} exactly as in its CloudEvent, which the hash shows as {@code updatedAt}
     * @param announce whether to publish the entry on the channel (a rebuild does not)
     */
    public String[] call(JobEvent<?> event, HistoryEntry entry, String time, boolean announce) {
        Map<String, String> fields = JobHash.phaseFields(event);
        String[] call = new String[14 + 2 * fields.size()];
        call[0] = keys.job(event.jobId());
        call[1] = keys.history(event.jobId());
        call[2] = Long.toString(entry.seq());
        call[3] = entry.json();
        call[4] = event.id().toString();
        call[5] = event.type().routingKey();
        call[6] = time;
        call[7] = historyCap;
        call[8] = ttlSeconds;
        call[9] = announce ? keys.channel() : "";
        call[10] = PhaseMachine.phaseAfter(event.type()).map(Enum::name).orElse("");
        call[11] = TRANSITIONS.get(event.type());
        call[12] = PhaseMachine.phaseAfter(event.type()).filter(JobPhase::isTerminal).isPresent() ? "1" : "";
        call[13] = event.tenant();
        int i = 14;
        for (Map.Entry<String, String> field : fields.entrySet()) {
            call[i++] = field.getKey();
            call[i++] = field.getValue();
        }
        return call;
    }

    /**
     * For each event type, {@code ;BEFORE=AFTER} for every current phase (and for no phase yet) that
     * {@link PhaseMachine#apply} moves, so the script finds the next phase with one pattern match; a phase not listed
     * stays as it is, and a job with no phase yet keeps none when its event gives none.
     */
    private static Map<EventType, String> transitions() {
        Map<EventType, String> transitions = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            StringBuilder pairs = new StringBuilder();
            JobPhase first = PhaseMachine.apply(null, type);
            if (first != null) {
                pairs.append(';').append(NO_PHASE).append('=').append(first.name());
            }
            for (JobPhase phase : JobPhase.values()) {
                JobPhase next = PhaseMachine.apply(phase, type);
                if (next != phase) {
                    pairs.append(';').append(phase.name()).append('=').append(next.name());
                }
            }
            transitions.put(type, pairs.toString());
        }
        return transitions;
    }

    private static String load() {
        try (InputStream in = ProjectionScript.class.getResourceAsStream("/redis/project-event.lua")) {
            if (in == null) {
                throw new IllegalStateException("redis/project-event.lua is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read redis/project-event.lua", e);
        }
    }
}
