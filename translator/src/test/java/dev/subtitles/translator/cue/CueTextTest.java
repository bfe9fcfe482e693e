package dev.subtitles.translator.cue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class CueTextTest {

    /** Translates like an engine in HTML mode would: words change, tags and entities stay. */
    private static List<String> translate(CueText cue) {
        return cue.sources().stream().map(html -> html.replace("hello", "hola").replace("world", "mundo")
                .replace("Who", "Quién").replace("Me", "Yo").toUpperCase(Locale.ROOT).replace("&AMP;", "&amp;"))
                .toList();
    }

    @Test
    void plainCueIsOneSentence() {
        CueText cue = CueText.of(List.of("hello world"));

        assertThat(cue.sources()).containsExactly("hello world");
        assertThat(cue.render(translate(cue))).containsExactly("HOLA MUNDO");
    }

    @Test
    void linesOfOneSentenceAreJoinedAndBrokenAgainIntoAsManyLines() {
        CueText cue = CueText.of(List.of("I never thought that we", "would see the sea again"));

        assertThat(cue.sources()).containsExactly("I never thought that we would see the sea again");
        assertThat(cue.render(List.of("Nunca pensé que volveríamos a ver el mar")))
                .containsExactly("Nunca pensé que", "volveríamos a ver el mar");
    }

    @Test
    void tagsWrappingTheCueStayOutOfTheEngine() {
        CueText cue = CueText.of(List.of("{\\an8}<i>hello world</i>"));

        assertThat(cue.sources()).containsExactly("hello world");
        assertThat(cue.render(translate(cue))).containsExactly("{\\an8}<i>HOLA MUNDO</i>");
    }

    @Test
    void tagsRepeatedOnEveryLineAreRepeatedOnEveryTranslatedLine() {
        CueText cue = CueText.of(List.of("<i>I never thought that we</i>", "<i>would see the sea again</i>"));

        assertThat(cue.sources()).containsExactly("I never thought that we would see the sea again");
        assertThat(cue.render(List.of("Nunca pensé que volveríamos a ver el mar")))
                .containsExactly("<i>Nunca pensé que</i>", "<i>volveríamos a ver el mar</i>");
    }

    @Test
    void tagsInsideTheSentenceGoToTheEngineAsHtml() {
        CueText cue = CueText.of(List.of("I said <b>no</b> to him"));

        assertThat(cue.sources()).containsExactly("I said <b>no</b> to him");
        assertThat(cue.render(List.of("Le dije <b>que no</b>"))).containsExactly("Le dije <b>que no</b>");
    }

    @Test
    void assOverridesInsideTheSentenceNeverReachTheEngine() {
        CueText cue = CueText.of(List.of("hello {\\i1}world"));

        assertThat(cue.sources()).containsExactly("hello world");
        assertThat(cue.render(translate(cue))).containsExactly("{\\i1}HOLA MUNDO");
    }

    @Test
    void textIsEscapedForTheEngineAndUnescapedAfter() {
        CueText cue = CueText.of(List.of("Tom & Jerry <3"));

        assertThat(cue.sources()).containsExactly("Tom &amp; Jerry &lt;3");
        assertThat(cue.render(List.of("Tom &amp; Jerry &lt;3 &#39;ok&#x27;"))).containsExactly("Tom & Jerry <3 'ok'");
    }

    @Test
    void eachSpeakerOfADialogueCueIsItsOwnSentenceAndKeepsItsDash() {
        CueText cue = CueText.of(List.of("- Who?", "- Me."));

        assertThat(cue.sources()).containsExactly("Who?", "Me.");
        assertThat(cue.render(List.of("¿Quién?", "Yo."))).containsExactly("- ¿Quién?", "- Yo.");
    }

    @Test
    void cueWithoutWordsIsKeptAsItIs() {
        CueText cue = CueText.of(List.of("<i></i>", "{\\an8}"));

        assertThat(cue.sources()).isEmpty();
        assertThat(cue.render(List.of())).containsExactly("<i></i>", "{\\an8}");
    }

    @Test
    void spacesAnEngineAddsAroundASentenceAreDropped() {
        CueText cue = CueText.of(List.of("<i>hello</i>"));

        assertThat(cue.render(List.of(" hola \n"))).containsExactly("<i>hola</i>");
    }
}
