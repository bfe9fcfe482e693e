package dev.subtitles.manager.hooks;

/** The tenant has {@code manager.hooks.max-per-tenant} hooks already. */
public class HookLimitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HookLimitException(int max) {
        super("the tenant has " + max + " hooks, the most it may have; delete one first");
    }
}
