package dev.subtitles.manager.hooks;

/**
 * No hook of the caller's tenant has the id: unknown, malformed, deleted, or another tenant's, which answers exactly
 * as an unknown one does.
 */
public class HookNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HookNotFoundException(String id) {
        super("no hook " + id);
    }
}
