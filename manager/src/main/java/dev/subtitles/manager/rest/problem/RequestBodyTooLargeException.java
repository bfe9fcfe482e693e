package dev.subtitles.manager.rest.problem;

/** A request declared a body larger than the API accepts. */
public class RequestBodyTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RequestBodyTooLargeException(long size, long limit) {
        super("the body is " + size + " bytes, more than the " + limit + " bytes a submission may have");
    }
}
