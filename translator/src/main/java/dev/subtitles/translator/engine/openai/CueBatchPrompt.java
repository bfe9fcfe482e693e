package dev.subtitles.translator.engine.openai;

import java.util.ArrayList;
import java.util.List;

import dev.subtitles.translator.engine.LanguagePair;
import dev.subtitles.translator.engine.MalformedReplyException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The conversation with a language model about one batch: numbered cues out, the same numbers back.
 * <p>
 * Models drop, merge, split and renumber lines when asked for free text, so both sides are JSON
 * ({@code {"cues":[{"id":1,"text":"..."}]}}) and {@link #translations} checks the reply strictly: the same ids, in
 * the same order, each with a text. Anything else is a {@link MalformedReplyException}.
 */
final class CueBatchPrompt {

    private CueBatchPrompt() {
    }

    static String instructions(LanguagePair pair) {
        return "You translate film and TV subtitles from " + pair.source() + " to " + pair.target() + ".\n"
                + "The user sends a JSON object {\"cues\":[{\"id\":1,\"text\":\"...\"},...]}. Each text is one"
                + " subtitle cue as an HTML fragment: keep its tags (<i>, <b>, <font ...>) around the words they"
                + " style and keep entities such as &amp; as entities.\n"
                + "Answer with only a JSON object {\"cues\":[{\"id\":1,\"text\":\"...\"},...]} holding exactly the"
                + " same ids in the same order, one translation per cue. Never merge, split, skip or renumber"
                + " cues, even when a sentence runs over several cues. Translate naturally and concisely, as"
                + " subtitles are read quickly.";
    }

    static String cues(List<String> texts) {
        JsonArray cues = new JsonArray();
        for (int i = 0; i < texts.size(); i++) {
            cues.add(new JsonObject().put("id", i + 1).put("text", texts.get(i)));
        }
        return new JsonObject().put("cues", cues).encode();
    }

    /** The translations in a model's reply to {@link #cues} of {@code expected} texts. */
    static List<String> translations(String reply, int expected) {
        JsonArray cues;
        try {
            cues = new JsonObject(withoutCodeFence(reply)).getJsonArray("cues");
        } catch (DecodeException | ClassCastException e) {
            throw new MalformedReplyException("the model's reply is not a JSON object with cues: "
                    + excerpt(reply), e);
        }
        if (cues == null) {
            throw new MalformedReplyException("the model's reply has no cues: " + excerpt(reply));
        }
        if (cues.size() != expected) {
            throw new MalformedReplyException("the model answered " + cues.size() + " cues for " + expected);
        }
        List<String> texts = new ArrayList<>(expected);
        for (int i = 0; i < expected; i++) {
            Object entry = cues.getValue(i);
            if (!(entry instanceof JsonObject cue) || !Integer.valueOf(i + 1).equals(idOf(cue))
                    || !(cue.getValue("text") instanceof String text)) {
                throw new MalformedReplyException(
                        "the model's cue " + (i + 1) + " is missing, renumbered or without text: " + entry);
            }
            texts.add(text);
        }
        return texts;
    }

    private static Integer idOf(JsonObject cue) {
        return cue.getValue("id") instanceof Number number && number.doubleValue() == number.intValue()
                ? number.intValue()
                : null;
    }

    /** Models often wrap JSON in a Markdown code fence even when told not to. */
    private static String withoutCodeFence(String reply) {
        String trimmed = reply.strip();
        if (trimmed.startsWith("```")) {
            int firstLineEnd = trimmed.indexOf('\n');
            int fenceEnd = trimmed.lastIndexOf("```");
            if (firstLineEnd > 0 && fenceEnd > firstLineEnd) {
                return trimmed.substring(firstLineEnd + 1, fenceEnd);
            }
        }
        return trimmed;
    }

    private static String excerpt(String reply) {
        return reply.length() <= 200 ? reply : reply.substring(0, 200) + "...";
    }
}
