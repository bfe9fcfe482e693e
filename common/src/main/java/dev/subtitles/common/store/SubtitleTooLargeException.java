package dev.subtitles.common.store;

/**
 * A subtitle file is larger than the store accepts. Real subtitle files are a few hundred kilobytes at most, so
 * a bigger one is almost certainly not a subtitle (a mislabelled video, an archive, an HTML error page); it is
 * refused rather than stored, and retrying will not help.
 */
public class SubtitleTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long sizeBytes;
    private final long maxBytes;

    public SubtitleTooLargeException(long sizeBytes, long maxBytes) {
        super("subtitle file is " + sizeBytes + " bytes (UTF-8), larger than the limit of " + maxBytes + " bytes");
        this.sizeBytes = sizeBytes;
        this.maxBytes = maxBytes;
    }

    /** Size of the refused content encoded as UTF-8. */
    public long sizeBytes() {
        return sizeBytes;
    }

    /** The store's limit at the time of the refusal. */
    public long maxBytes() {
        return maxBytes;
    }
}
