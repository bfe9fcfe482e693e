package dev.subtitles.e2e.chaos;

/**
 * The kinds of job a scenario mixes, each taking another path through the pipeline with the sample library
 * ({@code downloader/src/main/resources/library/index.txt}).
 */
public enum JobKind {

    /** The library has a Spanish file: download, {@code subtitle.ready}, DONE. */
    FOUND("The Lighthouse Clock", 2011, "es"),
    /** Only English in the library: download, then the translator's Apertium run, DONE. */
    TRANSLATED("Paper Boats", 2015, "es"),
    /** Nothing in the library: {@code job.failed}, FAILED. */
    NOT_FOUND("Nothing Subtitled", 2000, "fi");

    private final String title;
    private final int year;
    private final String language;

    JobKind(String title, int year, String language) {
        this.title = title;
        this.year = year;
        this.language = language;
    }

    /** The {@code POST /jobs} body; {@code n} makes titles of not-found jobs differ, as real misses do. */
    public String body(int n) {
        String name = this == NOT_FOUND ? title + " " + n : title;
        return "{\"video\":{\"title\":\"" + name + "\",\"year\":" + year + "},\"language\":\"" + language + "\"}";
    }

    /** The {@code n}-th job of a mix: found, translated and not found in turn. */
    public static JobKind ofMix(int n) {
        return values()[Math.floorMod(n, values().length)];
    }
}
