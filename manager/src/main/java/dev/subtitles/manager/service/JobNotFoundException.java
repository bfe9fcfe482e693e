package dev.subtitles.manager.service;

/** No job has the id the request names (or the id is not a UUID). */
public class JobNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JobNotFoundException(String id) {
        super("no job with id '" + id + "'");
    }
}
