package dev.subtitles.eventconsumer.projection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.common.phase.PhaseMachine;
import dev.subtitles.common.redis.LuaScript;

/**
 * The Lua script {@code redis/project-event.lua} that applies one event to a job's Redis view atomically, and the
 * phase transitions it is given: for each event type, the moves {@link PhaseMachine#apply} makes from every current
 * phase (and from no phase yet), so the phase order is defined once, in Java.
 */
final class ProjectionScript {

    static final LuaScript SCRIPT = new LuaScript(load());

    /** "No phase yet" in the script's transition table. */
    private static final String NO_PHASE = "";
    private static final Map<EventType, String> TRANSITIONS = transitions();

    private ProjectionScript() {
    }

    /**
     * The transitions of an event of {@code type} that change the phase, as the script takes them:
     * {@code ;BEFORE=AFTER} for every current phase (and for no phase yet) that {@link PhaseMachine#apply} moves, so
     * the script finds the next phase with one pattern match; a phase not listed stays as it is.
     */
    static String transitionsOf(EventType type) {
        return TRANSITIONS.get(type);
    }

    private static Map<EventType, String> transitions() {
        Map<EventType, String> transitions = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            StringBuilder pairs = new StringBuilder();
            pairs.append(';').append(NO_PHASE).append('=').append(PhaseMachine.apply(null, type).name());
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
