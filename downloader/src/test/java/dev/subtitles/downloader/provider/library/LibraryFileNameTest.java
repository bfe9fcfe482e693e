package dev.subtitles.downloader.provider.library;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LibraryFileNameTest {

    @Test
    void filmWithYearAndImdbId() {
        assertThat(LibraryFileName.parse("The Lighthouse Clock (2011) [tt9900001].es.srt")).contains(
                new LibraryFileName("The Lighthouse Clock", 2011, "tt9900001", null, null, "es", false));
    }

    @Test
    void filmWithYearAndBareImdbIdAsTheSampleLibraryNamesIt() {
        assertThat(LibraryFileName.parse("The Lighthouse Clock (2011) tt9900001.es.srt")).contains(
                new LibraryFileName("The Lighthouse Clock", 2011, "tt9900001", null, null, "es", false));
    }

    @Test
    void filmWithYearOnly() {
        assertThat(LibraryFileName.parse("Paper Boats (2015).en.srt"))
                .contains(new LibraryFileName("Paper Boats", 2015, null, null, null, "en", false));
    }

    @Test
    void episodeWithDottedTitle() {
        assertThat(LibraryFileName.parse("Night.Market.S01E02.es.vtt"))
                .contains(new LibraryFileName("Night Market", null, null, 1, 2, "es", false));
    }

    @Test
    void hearingImpairedMarker() {
        assertThat(LibraryFileName.parse("Paper Boats (2015).hi.en.srt")).get()
                .extracting(LibraryFileName::hearingImpaired).isEqualTo(true);
    }

    @Test
    void fileWithoutLanguageIsNotASubtitle() {
        assertThat(LibraryFileName.parse("Paper Boats (2015).srt")).isEmpty();
        assertThat(LibraryFileName.parse("index.txt")).isEmpty();
    }
}
