package dev.subtitles.manager.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextValidatorTest {

    @Test
    void plainTextAndSurrogatePairsAreStorable() {
        assertThat(StorableTextValidator.isStorable("")).isTrue();
        assertThat(StorableTextValidator.isStorable("Amélie, 東京")).isTrue();
        assertThat(StorableTextValidator.isStorable("smile \uD83D\uDE00 twice \uD83D\uDE00")).isTrue();
    }

    @Test
    void nulIsNotStorable() {
        assertThat(StorableTextValidator.isStorable("a\u0000b")).isFalse();
    }

    @Test
    void surrogateWithoutItsPairIsNotStorable() {
        assertThat(StorableTextValidator.isStorable("Lone \uD800 surrogate")).isFalse();
        assertThat(StorableTextValidator.isStorable("ends high \uD83D")).isFalse();
        assertThat(StorableTextValidator.isStorable("\uDE00 low first")).isFalse();
        assertThat(StorableTextValidator.isStorable("\uDE00\uD83D reversed")).isFalse();
    }
}
