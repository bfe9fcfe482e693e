package dev.subtitles.manager.rest.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document, the body of every error response.
 *
 * @param type a URN naming the kind of problem, stable for clients to switch on
 * @param title the kind of problem in words
 * @param status the HTTP status
 * @param detail what went wrong in this occurrence, with what a person can do about it
 * @param instance the request path
 * @param errors for invalid input: every offending field with what is wrong with it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors) {

    /** The media type of a problem document. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One invalid field.
     *
     * @param field the field's JSON path ({@code video.title}, {@code preferredProviders[1]}) or the query
     *        parameter's name
     */
    public record FieldError(String field, String message) {
    }
}
