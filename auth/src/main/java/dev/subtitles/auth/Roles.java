package dev.subtitles.auth;

import java.util.Set;

/** The roles a token grants in its {@code groups} claim. */
public final class Roles {

    /** Submits and cancels jobs, and reads its tenant's. */
    public static final String SUBMITTER = "submitter";
    /** Reads its tenant's jobs. */
    public static final String VIEWER = "viewer";
    /** The operators' routes ({@code /admin/**}); reads its tenant's jobs too. */
    public static final String ADMIN = "admin";

    /** Every role, as the caller of {@code subtitles.auth.mode=off} has them. */
    public static final Set<String> ALL = Set.of(SUBMITTER, VIEWER, ADMIN);

    private Roles() {
    }
}
