package dev.subtitles.common.context;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Work done on a thread of its own (a blocking client, a pool of processes) hands its result back on the Vert.x
 * context of whoever subscribed: the message's duplicated context, which holds the job's log context
 * ({@code JobMdc}) and the current span, so the steps that follow log with the job's id and make their spans in the
 * job's trace.
 */
public final class CallerContext {

    private CallerContext() {
    }

    /** {@code result}, signalled on the Vert.x context of whoever subscribes, if any. */
    public static <T> Uni<T> emitOnCaller(Uni<T> result) {
        return Uni.createFrom().deferred(() -> {
            Context caller = Vertx.currentContext();
            return caller == null ? result : result.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        });
    }
}
