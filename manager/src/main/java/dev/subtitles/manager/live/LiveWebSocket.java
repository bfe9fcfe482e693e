package dev.subtitles.manager.live;

import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.security.RolesAllowed;

import dev.subtitles.auth.CallerTenant;
import dev.subtitles.auth.Roles;
import dev.subtitles.manager.limits.LiveConnectionLimits;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * {@code WS /jobs/{id}/live}: a job's progress over a WebSocket. Text messages are the history entries, then
 * {@code {"type":"end","phase":"DONE"}} and a normal close (1000) after the terminal event. An unknown job, or another
 * tenant's, is closed with 4404, a client that falls too far behind with 1008, one over its tenant's live connections
 * (manager.limits.live-connections-per-tenant) with 1013; pings keep idle connections open. The
 * client sends nothing. The handshake needs a token with a reading role (401 without a valid one, 403 without the role).
 */
@WebSocket(path = "/jobs/{id}/live")
@RolesAllowed({ Roles.SUBMITTER, Roles.VIEWER, Roles.ADMIN })
public class LiveWebSocket {

    private final LiveProgress progress;
    private final LiveConnections connections;
    private final CallerTenant caller;
    private final LiveConnectionLimits limits;
    private final ConcurrentHashMap<String, WebSocketSender> senders = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LiveConnectionLimits.Slot> slots = new ConcurrentHashMap<>();

    public LiveWebSocket(LiveProgress progress, LiveConnections connections, CallerTenant caller,
            LiveConnectionLimits limits) {
        this.progress = progress;
        this.connections = connections;
        this.caller = caller;
        this.limits = limits;
    }

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        connections.opened(LiveConnections.Transport.WS);
        WebSocketSender sender = new WebSocketSender(connection, connections);
        senders.put(connection.id(), sender);
        return caller.get().invoke(tenant -> Multi.createFrom().deferred(() -> {
            slots.put(connection.id(), limits.acquire(tenant));
            return progress.watch(tenant, connection.pathParam("id"), 0);
        }).subscribe().withSubscriber(sender)).replaceWithVoid();
    }

    @OnClose
    public Uni<Void> close(WebSocketConnection connection) {
        connections.closed(LiveConnections.Transport.WS);
        WebSocketSender sender = senders.remove(connection.id());
        if (sender != null) {
            sender.cancel();
        }
        LiveConnectionLimits.Slot slot = slots.remove(connection.id());
        if (slot != null) {
            slot.close();
        }
        return Uni.createFrom().voidItem();
    }
}
