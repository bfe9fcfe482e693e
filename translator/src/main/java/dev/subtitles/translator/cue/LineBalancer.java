package dev.subtitles.translator.cue;

import java.util.ArrayList;
import java.util.List;

/**
 * Breaks a translated sentence into as many lines as the original had, at the spaces that make the lines closest
 * to equal visible length. A translation rarely has the original's words in the original's places, so the old
 * break positions mean nothing; the line count, though, is what the author chose for the screen.
 */
final class LineBalancer {

    private LineBalancer() {
    }

    /**
     * @param text one line of text, tags allowed (a tag is never split, and does not count as visible length)
     * @param lines how many lines to make, at least 1; fewer come out when there are fewer words
     */
    static List<String> balance(String text, int lines) {
        List<String> words = words(text);
        if (lines <= 1 || words.size() <= 1) {
            return words.isEmpty() ? List.of() : List.of(String.join(" ", words));
        }
        int count = Math.min(lines, words.size());
        int[] ends = cumulativeVisibleLengths(words);
        int total = ends[ends.length - 1];
        List<String> result = new ArrayList<>(count);
        int from = 0;
        for (int line = 1; line < count; line++) {
            double goal = (double) total * line / count;
            int lastPossible = words.size() - (count - line);
            int to = from + 1;
            while (to < lastPossible && Math.abs(ends[to + 1] - goal) < Math.abs(ends[to] - goal)) {
                to++;
            }
            result.add(String.join(" ", words.subList(from, to)));
            from = to;
        }
        result.add(String.join(" ", words.subList(from, words.size())));
        return result;
    }

    /** ends[k] = visible length of the first k words joined by spaces. */
    private static int[] cumulativeVisibleLengths(List<String> words) {
        int[] ends = new int[words.size() + 1];
        for (int i = 0; i < words.size(); i++) {
            ends[i + 1] = ends[i] + (i == 0 ? 0 : 1) + Markup.visibleLength(words.get(i));
        }
        return ends;
    }

    /** Splits at whitespace outside tags, so {@code <font face="Arial Black">} stays whole. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inTag = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<') {
                inTag = true;
            } else if (c == '>') {
                inTag = false;
            }
            if (Character.isWhitespace(c) && !inTag) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }
}
