package dev.subtitles.manager;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.subtitles.manager.validation.LanguageTags;

class LanguageTagsTest {

    @ParameterizedTest
    @CsvSource({ "en,en", "EN,en", "pt-br,pt-BR", "pt_BR,pt-BR", "por-BR,pt-BR", "fre,fr", "fra,fr", "ger,de",
            "chi-TW,zh-TW", "es-419,es-419", " de ,de" })
    void acceptedTagsAreNormalised(String tag, String canonical) {
        assertThat(LanguageTags.canonical(tag)).contains(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "x", "xx", "english", "pt-XX", "en-1", "e1", "pt-BR-x", "zzz" })
    void otherValuesAreRefused(String tag) {
        assertThat(LanguageTags.canonical(tag)).isEmpty();
    }
}
