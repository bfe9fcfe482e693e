package dev.subtitles.manager.batch;

import java.util.List;

import dev.subtitles.manager.rest.problem.Problem;

/** A batch request with invalid fields (400 {@code invalid-request}), every one of them listed. */
public class InvalidBatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem.FieldError> errors;

    public InvalidBatchException(List<Problem.FieldError> errors) {
        super(errors.size() + " field(s) are invalid, see errors");
        this.errors = List.copyOf(errors);
    }

    /** Each invalid field by its JSON path in the batch request, with what is wrong with it. */
    public List<Problem.FieldError> errors() {
        return errors;
    }
}
