package dev.subtitles.translator.engine.apertium;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.subtitles.translator.engine.MalformedReplyException;

/**
 * How a batch travels through Apertium in both modes: each text as one HTML paragraph, one paragraph per line.
 * Apertium's HTML format treats a {@code p} element as a block and leaves it in place, so sentences never run into
 * each other, and the translations are matched back to the texts by position.
 */
final class ApertiumParagraphs {

    private static final Pattern PARAGRAPH = Pattern.compile("<p>(.*?)</p>", Pattern.DOTALL);

    private ApertiumParagraphs() {
    }

    /** The texts as one HTML document, each in its own paragraph. */
    static String join(List<String> texts) {
        StringBuilder document = new StringBuilder();
        for (String text : texts) {
            document.append("<p>").append(text).append("</p>\n");
        }
        return document.toString();
    }

    /**
     * The translations in a translated document, one per paragraph.
     *
     * @param translated what Apertium gave back for {@link #join(List)} of {@code expected} texts
     * @param origin who translated, for the error message ({@code apertium eng-spa})
     * @throws MalformedReplyException when the number of paragraphs is not {@code expected}
     */
    static List<String> split(String translated, int expected, String origin) {
        List<String> translations = new ArrayList<>(expected);
        Matcher paragraph = PARAGRAPH.matcher(translated);
        while (paragraph.find()) {
            translations.add(paragraph.group(1).strip());
        }
        if (translations.size() != expected) {
            throw new MalformedReplyException(
                    origin + " gave back " + translations.size() + " paragraphs for " + expected);
        }
        return translations;
    }
}
