package dev.subtitles.manager.service;

import java.util.UUID;

/** The job has no version of that number: its subtitle was not upgraded that often. */
public class VersionNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public VersionNotFoundException(UUID id, int version) {
        super("job " + id + " has no version " + version + " of its subtitle");
    }
}
