package dev.subtitles.translator.cue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a cue that is translated as one sentence: the whole cue, or one speaker's turn in a dialogue cue.
 * <p>
 * Its lines are joined (an engine translates a sentence broken over two lines badly, and moves words across the
 * break anyway) and broken again after translation into as many lines. Tags that open and close the block, and ASS
 * override blocks anywhere, stay out of the engine's reach; tags inside the sentence go to the engine in HTML.
 */
final class TextBlock {

    private static final Pattern DIALOGUE_DASH = Pattern.compile("^[-\u2013\u2014]\\s*");
    private static final Pattern SPACES = Pattern.compile("\\s{2,}");

    private final List<String> original;
    private final String openTags;
    private final String dash;
    private final String html;
    private final String closeTags;
    private final boolean tagsOnEveryLine;
    private final boolean needsTranslation;

    private TextBlock(List<String> original, String openTags, String dash, String html, String closeTags,
            boolean tagsOnEveryLine) {
        this.original = original;
        this.openTags = openTags;
        this.dash = dash;
        this.html = html;
        this.closeTags = closeTags;
        this.tagsOnEveryLine = tagsOnEveryLine;
        this.needsTranslation = !Markup.withoutTags(html).isBlank();
    }

    /** Whether a line starts a speaker's turn ({@code - Who?}), after any leading tags. */
    static boolean startsTurn(String line) {
        return DIALOGUE_DASH.matcher(TaggedLine.of(line).text()).find();
    }

    static TextBlock of(List<String> lines) {
        List<TaggedLine> tagged = lines.stream().map(TaggedLine::of).toList();
        TaggedLine first = tagged.get(0);
        TaggedLine last = tagged.get(tagged.size() - 1);
        Matcher dashMatcher = DIALOGUE_DASH.matcher(first.text());
        String dash = dashMatcher.find() ? dashMatcher.group() : "";
        List<String> texts = new ArrayList<>(tagged.stream().map(TaggedLine::text).toList());
        texts.set(0, texts.get(0).substring(dash.length()));

        boolean tagsOnEveryLine = tagged.stream()
                .allMatch(line -> line.leading().equals(first.leading()) && line.trailing().equals(first.trailing()));
        StringBuilder open = new StringBuilder(first.leading());
        StringBuilder sentence = new StringBuilder();
        for (int i = 0; i < tagged.size(); i++) {
            if (i > 0) {
                sentence.append(' ');
            }
            if (!tagsOnEveryLine && i > 0) {
                sentence.append(tagged.get(i).leading());
            }
            sentence.append(texts.get(i));
            if (!tagsOnEveryLine && i < tagged.size() - 1) {
                sentence.append(tagged.get(i).trailing());
            }
        }
        String body = hoistAssOverrides(sentence.toString().strip(), open);
        return new TextBlock(List.copyOf(lines), open.toString(), dash, Markup.toHtml(body), last.trailing(),
                tagsOnEveryLine);
    }

    /** Whether there is text to translate; a block of tags, dashes and spaces only is kept as it is. */
    boolean needsTranslation() {
        return needsTranslation;
    }

    /** The sentence as the engine gets it. */
    String html() {
        return html;
    }

    /** The original lines, for a block that needs no translation. */
    List<String> original() {
        return original;
    }

    /** The block's lines showing {@code translatedHtml} in place of the original sentence. */
    List<String> render(String translatedHtml) {
        List<String> pieces = LineBalancer.balance(translatedHtml.strip(), original.size()).stream()
                .map(Markup::fromHtml).toList();
        if (pieces.isEmpty()) {
            pieces = List.of("");
        }
        List<String> lines = new ArrayList<>(pieces.size());
        for (int i = 0; i < pieces.size(); i++) {
            boolean firstLine = i == 0;
            boolean lastLine = i == pieces.size() - 1;
            String prefix = firstLine || tagsOnEveryLine ? openTags : "";
            String suffix = lastLine || tagsOnEveryLine ? closeTags : "";
            lines.add(prefix + (firstLine ? dash : "") + pieces.get(i) + suffix);
        }
        return lines.stream().filter(line -> !line.isBlank()).toList();
    }

    private static String hoistAssOverrides(String text, StringBuilder open) {
        if (text.indexOf('{') < 0) {
            return text;
        }
        Matcher tag = Markup.TAG.matcher(text);
        StringBuilder rest = new StringBuilder(text.length());
        while (tag.find()) {
            if (Markup.isAssOverride(tag.group())) {
                open.append(tag.group());
                tag.appendReplacement(rest, "");
            }
        }
        tag.appendTail(rest);
        return SPACES.matcher(rest).replaceAll(" ").strip();
    }

    /** A line cut into the tags it starts with, its text, and the tags it ends with. */
    private record TaggedLine(String leading, String text, String trailing) {

        private static final Pattern LEADING = Pattern.compile("^(?:\\s*(?:" + Markup.TAG.pattern() + "))+\\s*");
        private static final Pattern TRAILING = Pattern.compile("(?:\\s*(?:" + Markup.TAG.pattern() + "))+\\s*$");

        static TaggedLine of(String line) {
            if (!Markup.mayHoldTags(line)) {
                return new TaggedLine("", line.strip(), "");
            }
            Matcher leading = LEADING.matcher(line);
            int textStart = leading.find() ? leading.end() : 0;
            String rest = line.substring(textStart);
            Matcher trailing = TRAILING.matcher(rest);
            int textEnd = trailing.find() ? trailing.start() : rest.length();
            return new TaggedLine(line.substring(0, textStart).strip(), rest.substring(0, textEnd).strip(),
                    rest.substring(textEnd).strip());
        }
    }
}
