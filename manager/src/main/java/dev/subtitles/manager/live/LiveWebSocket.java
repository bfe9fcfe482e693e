package dev.subtitles.manager.live;

import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/**
 * {@code WS /jobs/{id}/live}: a job's progress over a WebSocket. Text messages are the history entries, then
 * {@code {"type":"end","phase":"DONE"}} and a normal close (1000) after the terminal event. An unknown job is closed
 * with 4404, a client that falls too far behind with 1008; pings keep idle connections open. The client sends
 * nothing.
 */
@WebSocket(path = "/jobs/{id}/live")
public class LiveWebSocket {

    private final LiveProgress progress;
    private final LiveConnections connections;
    private final ConcurrentHashMap<String, WebSocketSender> senders = new ConcurrentHashMap<>();

    public LiveWebSocket(LiveProgress progress, LiveConnections connections) {
        this.progress = progress;
        this.connections = connections;
    }

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        connections.opened(LiveConnections.Transport.WS);
        WebSocketSender sender = new WebSocketSender(connection, connections);
        senders.put(connection.id(), sender);
        progress.watch(connection.pathParam("id"), 0).subscribe().withSubscriber(sender);
        return Uni.createFrom().voidItem();
    }

    @OnClose
    public Uni<Void> close(WebSocketConnection connection) {
        connections.closed(LiveConnections.Transport.WS);
        WebSocketSender sender = senders.remove(connection.id());
        if (sender != null) {
            sender.cancel();
        }
        return Uni.createFrom().voidItem();
    }
}
