package dev.subtitles.translator.engine;

/**
 * How much one request to an engine may carry. The translator cuts a subtitle into batches that respect both
 * limits, so an engine never sees a request its API would refuse for size.
 *
 * @param maxItems the most texts in one batch, at least 1
 * @param maxChars the most characters (summed over the texts of a batch) in one batch, at least 1; a single text
 *        longer than this still goes out, alone in its batch
 */
public record EngineLimits(int maxItems, int maxChars) {

    public EngineLimits {
        if (maxItems < 1 || maxChars < 1) {
            throw new IllegalArgumentException(
                    "engine limits must be positive, were maxItems=" + maxItems + ", maxChars=" + maxChars);
        }
    }
}
