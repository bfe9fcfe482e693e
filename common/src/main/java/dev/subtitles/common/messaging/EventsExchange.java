package dev.subtitles.common.messaging;

import java.io.IOException;
import java.util.Map;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;

/**
 * The events exchange and its alternate exchange. An event whose routing key no queue binds is not dropped by the
 * broker: it goes to the alternate exchange (fanout), whose quorum queue {@code <exchange>.unrouted} keeps it for an
 * operator to look at, and the event-consumer's metric counts it.
 * <p>
 * The broker refuses to declare an existing exchange with other arguments, so every service declares the events
 * exchange with {@link #arguments(String)}: the manager and the tests with {@link #declare(Channel, String)}, the
 * messaging connectors through the {@value #CONNECTOR_ARGUMENTS} bean. An exchange declared before it had an alternate
 * exchange has to be deleted once (or given the {@code alternate-exchange} policy) for the services to start.
 */
public final class EventsExchange {

    /** Identifier of the bean the RabbitMQ connector reads its exchange arguments from (its default). */
    public static final String CONNECTOR_ARGUMENTS = "rabbitmq-exchange-arguments";
    /** Suffix of the alternate exchange and of its queue. */
    public static final String UNROUTED_SUFFIX = ".unrouted";

    private static final String ALTERNATE_EXCHANGE = "alternate-exchange";

    private EventsExchange() {
    }

    /** The name of the alternate exchange of {@code exchange}, and of its queue. */
    public static String unrouted(String exchange) {
        return exchange + UNROUTED_SUFFIX;
    }

    /** The arguments every declaration of {@code exchange} carries. */
    public static Map<String, Object> arguments(String exchange) {
        return Map.of(ALTERNATE_EXCHANGE, unrouted(exchange));
    }

    /** Declares the alternate exchange, its queue and binding, then {@code exchange} (durable topic). Blocking. */
    public static void declare(Channel channel, String exchange) throws IOException {
        declareUnrouted(channel, exchange);
        channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true, false, arguments(exchange));
    }

    /** Declares the alternate exchange of {@code exchange}, its queue and binding. Blocking. */
    public static void declareUnrouted(Channel channel, String exchange) throws IOException {
        String unrouted = unrouted(exchange);
        channel.exchangeDeclare(unrouted, BuiltinExchangeType.FANOUT, true);
        channel.queueDeclare(unrouted, true, false, false, Map.of("x-queue-type", "quorum"));
        channel.queueBind(unrouted, unrouted, "");
    }

    /** Deletes {@code exchange}, its alternate exchange and that one's queue (tests clean up with it). Blocking. */
    public static void delete(Channel channel, String exchange) throws IOException {
        channel.exchangeDelete(exchange);
        channel.exchangeDelete(unrouted(exchange));
        channel.queueDelete(unrouted(exchange));
    }
}
