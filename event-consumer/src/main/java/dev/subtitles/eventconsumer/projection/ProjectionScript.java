package dev.subtitles.eventconsumer.projection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.common.phase.PhaseMachine;

/**
 * The Lua script {@code redis/project-event.lua} that applies one event to a job's Redis view atomically, and the
 * phase transitions it is given: for each event type, {@link PhaseMachine#apply} of every current phase (and of no
 * phase yet), so the phase order is defined once, in Java.
 */
final class ProjectionScript {

    static final String SOURCE = load();
    /** What Redis names the script by: the SHA-1 of its text. */
    static final String SHA = sha1(SOURCE);

    /** "No phase yet" in the script's transition table. */
    private static final String NO_PHASE = "";
    private static final Map<EventType, List<String>> TRANSITIONS = transitions();

    private ProjectionScript() {
    }

    /** Pairs (phase before, phase after) for an event of {@code type}, flattened. */
    static List<String> transitionsOf(EventType type) {
        return TRANSITIONS.get(type);
    }

    private static Map<EventType, List<String>> transitions() {
        Map<EventType, List<String>> transitions = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            List<String> pairs = new ArrayList<>();
            pairs.add(NO_PHASE);
            pairs.add(PhaseMachine.apply(null, type).name());
            for (JobPhase phase : JobPhase.values()) {
                pairs.add(phase.name());
                pairs.add(PhaseMachine.apply(phase, type).name());
            }
            transitions.put(type, List.copyOf(pairs));
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

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JVM", e);
        }
    }
}
