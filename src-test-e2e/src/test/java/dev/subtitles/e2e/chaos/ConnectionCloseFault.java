package dev.subtitles.e2e.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The broker closes one service's AMQP connections ({@code rabbitmqctl close_connection}, as an operator or a broker
 * under memory pressure would): only the connections of this run's service, found by the peer ports of its proxy's
 * links to the broker. Never {@code close_all_connections}: other engineers' stacks use the same broker.
 */
public record ConnectionCloseFault(String service) implements Fault {

    @Override
    public List<String> services() {
        return List.of(service);
    }

    @Override
    public String name() {
        return "close AMQP connections of " + service;
    }

    @Override
    public void apply(FaultContext context) throws Exception {
        Thread.sleep(500);
        Set<Integer> ports = context.stack().proxy(service, ChaosStack.Server.RABBITMQ).upstreamPorts();
        List<String> closed = new ArrayList<>();
        // close_connection takes the connection's Erlang pid, not its name
        String listing = ChaosStack.run(List.of("rabbitmqctl", "-q", "list_connections", "pid", "peer_port",
                "name"));
        for (String line : listing.lines().toList()) {
            String[] columns = line.split("\t");
            if (columns.length == 3 && columns[1].trim().matches("\\d+")
                    && ports.contains(Integer.parseInt(columns[1].trim()))) {
                ChaosStack.run(List.of("rabbitmqctl", "-q", "close_connection", columns[0].trim(), "chaos suite"));
                closed.add(columns[2].trim());
            }
        }
        if (closed.isEmpty()) {
            context.problem("no AMQP connection of " + service + " found to close (proxy ports " + ports + ")");
        }
        Scenario.log("closed %s", closed);
    }
}
