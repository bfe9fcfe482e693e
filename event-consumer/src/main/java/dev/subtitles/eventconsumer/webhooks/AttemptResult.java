package dev.subtitles.eventconsumer.webhooks;

/**
 * How one attempt went.
 *
 * @param statusCode the receiver's status, or {@code null} when none came
 * @param error why the attempt failed, or {@code null} when it succeeded
 * @param latencyMillis from sending the request to the answer, or to giving up
 */
record AttemptResult(boolean succeeded, Integer statusCode, String error, long latencyMillis) {

    /** Longest error text kept: a receiver's exception message can be long. */
    private static final int MAX_ERROR_LENGTH = 500;

    static AttemptResult answered(int statusCode, long latencyMillis) {
        boolean success = statusCode >= 200 && statusCode < 300;
        return new AttemptResult(success, statusCode, success ? null : "HTTP " + statusCode, latencyMillis);
    }

    static AttemptResult failed(String error, long latencyMillis) {
        String shortened = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        return new AttemptResult(false, null, shortened, latencyMillis);
    }
}
