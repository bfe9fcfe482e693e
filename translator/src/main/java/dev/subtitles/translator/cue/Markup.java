package dev.subtitles.translator.cue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The styling markup of subtitle text and its HTML form for engines.
 * <p>
 * Subtitle text mixes plain text with HTML-like tags ({@code <i>}, {@code </i>}, {@code <font color="red">}) and
 * ASS override blocks ({@code {\an8}}). Engines receive HTML: text escaped, HTML-like tags as they are. ASS blocks
 * never reach an engine (they are not HTML, an engine would translate or drop them).
 */
final class Markup {

    /** An HTML-like tag or an ASS override block. */
    static final Pattern TAG = Pattern.compile("</?[a-zA-Z][^<>]*>|\\{\\\\[^{}]*}");

    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);");

    private Markup() {
    }

    /** Whether a text may hold a tag at all: most subtitle text has none, and this spares it the regex. */
    static boolean mayHoldTags(String text) {
        return text.indexOf('<') >= 0 || text.indexOf('{') >= 0;
    }

    static boolean isAssOverride(String tag) {
        return tag.startsWith("{");
    }

    /** Subtitle text with tags → HTML: text escaped, tags kept. */
    static String toHtml(String text) {
        if (!mayHoldTags(text) && text.indexOf('>') < 0 && text.indexOf('&') < 0) {
            return text;
        }
        StringBuilder html = new StringBuilder(text.length() + 16);
        Matcher tag = TAG.matcher(text);
        int position = 0;
        while (tag.find()) {
            escapeInto(html, text, position, tag.start());
            html.append(tag.group());
            position = tag.end();
        }
        escapeInto(html, text, position, text.length());
        return html.toString();
    }

    /** HTML from an engine → subtitle text: entities decoded outside tags, tags kept. */
    static String fromHtml(String html) {
        if (html.indexOf('&') < 0) {
            return html;
        }
        StringBuilder text = new StringBuilder(html.length());
        Matcher tag = TAG.matcher(html);
        int position = 0;
        while (tag.find()) {
            text.append(unescape(html.substring(position, tag.start())));
            text.append(tag.group());
            position = tag.end();
        }
        text.append(unescape(html.substring(position)));
        return text.toString();
    }

    /** The length of the text a viewer sees: tags do not count. */
    static int visibleLength(String text) {
        return withoutTags(text).length();
    }

    /** The text without its tags. */
    static String withoutTags(String text) {
        return mayHoldTags(text) ? TAG.matcher(text).replaceAll("") : text;
    }

    private static void escapeInto(StringBuilder html, String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> html.append("&amp;");
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                default -> html.append(c);
            }
        }
    }

    private static String unescape(String html) {
        if (html.indexOf('&') < 0) {
            return html;
        }
        Matcher entity = ENTITY.matcher(html);
        StringBuilder text = new StringBuilder(html.length());
        while (entity.find()) {
            entity.appendReplacement(text, Matcher.quoteReplacement(decode(entity.group(1), entity.group())));
        }
        entity.appendTail(text);
        return text.toString();
    }

    private static String decode(String name, String whole) {
        if (name.startsWith("#x") || name.startsWith("#X")) {
            return codePoint(Integer.parseInt(name.substring(2), 16), whole);
        }
        if (name.startsWith("#")) {
            return codePoint(Integer.parseInt(name.substring(1)), whole);
        }
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> whole;
        };
    }

    private static String codePoint(int codePoint, String whole) {
        return Character.isValidCodePoint(codePoint) ? Character.toString(codePoint) : whole;
    }
}
