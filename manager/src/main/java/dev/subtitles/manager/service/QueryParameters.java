package dev.subtitles.manager.service;

/**
 * Numeric query parameters, parsed here rather than by the REST layer, which answers 404 (as JAX-RS prescribes for a
 * query parameter it cannot convert) where the client needs a 400 naming the parameter.
 */
final class QueryParameters {

    private QueryParameters() {
    }

    /**
     * The whole number in {@code value}, {@code null} when absent.
     *
     * @throws InvalidQueryException naming {@code name} when {@code value} is not a whole number in {@code [min, max]}
     */
    static Integer integer(String name, String value, int min, long max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long number = Long.parseLong(value.strip());
            if (number >= min && number <= max) {
                return (int) number;
            }
        } catch (NumberFormatException e) {
            // same answer as a number out of range
        }
        throw new InvalidQueryException(name, "must be a whole number between " + min + " and " + max);
    }
}
