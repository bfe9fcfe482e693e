package dev.subtitles.downloader.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.subtitles.downloader.provider.SearchQuery;

class SearchKeyTest {

    private static SearchQuery film(String title, Integer year, String imdbId) {
        return new SearchQuery(title, year, imdbId, null, null, null, null, null, List.of("es", "en"));
    }

    private static String key(SearchQuery query) {
        return SearchKey.of("p:", "opensubtitles", query);
    }

    @Test
    void keyNamesThePrefixTheFormatVersionAndTheProviderThenA128BitDigest() {
        assertThat(key(film("Tide Tables", 2021, null))).matches("p:search:v1:opensubtitles:[0-9a-f]{32}");
    }

    @Test
    void titlesThatDifferOnlyInCaseAndSpacesShareAKey() {
        assertThat(key(film("  Tide   TABLES\t", 2021, null))).isEqualTo(key(film("tide tables", 2021, null)));
    }

    @Test
    void titlesInComposedAndDecomposedUnicodeShareAKey() {
        assertThat(key(film("Cafe\u0301 Letters", 2018, null))).isEqualTo(key(film("Café Letters", 2018, null)));
    }

    @Test
    void imdbIdsWithExtraLeadingZerosShareAKey() {
        assertThat(key(film("Matrix", null, "tt00133093"))).isEqualTo(key(film("Matrix", null, "tt0133093")));
    }

    @Test
    void imdbIdZeroKeepsItsDigit() {
        assertThat(SearchKey.normalized(film("x", null, "tt0000000"))).contains("tt0");
    }

    @Test
    void fileHashesThatDifferOnlyInCaseShareAKey() {
        SearchQuery upper = new SearchQuery("Tide Tables", 2021, null, null, null, "8E245D9679D31E12", null, null,
                List.of("es"));
        SearchQuery lower = new SearchQuery("Tide Tables", 2021, null, null, null, "8e245d9679d31e12", null, null,
                List.of("es"));

        assertThat(key(upper)).isEqualTo(key(lower));
    }

    @Test
    void everyFieldAProviderMayAnswerDifferentlyForSeparatesKeys() {
        SearchQuery base = new SearchQuery("Night Market", null, "tt9900001", 1, 2, "abc", "Night.Market.S01E02",
                null, List.of("es", "en"));
        List<SearchQuery> variants = List.of(
                new SearchQuery("Night Markets", null, "tt9900001", 1, 2, "abc", "Night.Market.S01E02", null,
                        List.of("es", "en")),
                new SearchQuery("Night Market", 2020, "tt9900001", 1, 2, "abc", "Night.Market.S01E02", null,
                        List.of("es", "en")),
                new SearchQuery("Night Market", null, "tt9900002", 1, 2, "abc", "Night.Market.S01E02", null,
                        List.of("es", "en")),
                new SearchQuery("Night Market", null, "tt9900001", 2, 2, "abc", "Night.Market.S01E02", null,
                        List.of("es", "en")),
                new SearchQuery("Night Market", null, "tt9900001", 1, 3, "abc", "Night.Market.S01E02", null,
                        List.of("es", "en")),
                new SearchQuery("Night Market", null, "tt9900001", 1, 2, "abd", "Night.Market.S01E02", null,
                        List.of("es", "en")),
                new SearchQuery("Night Market", null, "tt9900001", 1, 2, "abc", "Night.Market.S01E02.720p", null,
                        List.of("es", "en")),
                new SearchQuery("Night Market", null, "tt9900001", 1, 2, "abc", "Night.Market.S01E02", true,
                        List.of("es", "en")),
                new SearchQuery("Night Market", null, "tt9900001", 1, 2, "abc", "Night.Market.S01E02", false,
                        List.of("es", "en")),
                new SearchQuery("Night Market", null, "tt9900001", 1, 2, "abc", "Night.Market.S01E02", null,
                        List.of("es")));

        assertThat(variants).extracting(SearchKeyTest::key).doesNotContain(key(base)).doesNotHaveDuplicates();
    }

    @Test
    void languagesKeepTheirOrder() {
        SearchQuery spanishFirst = film("Tide Tables", 2021, null);
        SearchQuery englishFirst = new SearchQuery("Tide Tables", 2021, null, null, null, null, null, null,
                List.of("en", "es"));

        assertThat(key(spanishFirst)).isNotEqualTo(key(englishFirst));
    }

    @Test
    void aFieldCannotSpillIntoTheNext() {
        SearchQuery titled = new SearchQuery("2021", null, null, null, null, null, null, null, List.of("es"));
        SearchQuery dated = new SearchQuery(null, 2021, null, null, null, null, null, null, List.of("es"));

        assertThat(key(titled)).isNotEqualTo(key(dated));
    }

    @Test
    void providersHaveKeysOfTheirOwn() {
        SearchQuery query = film("Tide Tables", 2021, null);

        assertThat(SearchKey.of("p:", "library", query)).isNotEqualTo(SearchKey.of("p:", "opensubtitles", query));
    }
}
