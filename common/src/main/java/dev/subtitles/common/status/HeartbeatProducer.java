package dev.subtitles.common.status;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.stream.StreamSupport;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.Startup;

/**
 * Starts the heartbeat of a service that sets {@code subtitles.status.heartbeat.enabled=true} (the workers and the
 * event-consumer): its name and version are the application's, its concurrency the consumers of its incoming
 * RabbitMQ channels, its in-flight count the {@code subtitles.worker.in.flight} gauge of a worker.
 */
@IfBuildProperty(name = "subtitles.status.heartbeat.enabled", stringValue = "true")
@Singleton
public class HeartbeatProducer {

    private static final String INCOMING = "mp.messaging.incoming.";
    private static final String IN_FLIGHT_GAUGE = "subtitles.worker.in.flight";

    @Produces
    @Singleton
    @Startup
    InstanceHeartbeat heartbeat(ReactiveRedisDataSource redis, MeterRegistry registry, StatusConfig status,
            Config config) {
        Clock clock = Clock.systemUTC();
        InstanceHeartbeat heartbeat = new InstanceHeartbeat(new Heartbeats(redis, status),
                config.getValue("quarkus.application.name", String.class),
                status.heartbeat().instance().orElseGet(HeartbeatProducer::hostAndProcess),
                config.getOptionalValue("quarkus.application.version", String.class).orElse("unknown"),
                concurrency(config), () -> inFlight(registry), LastProblem.listen(clock),
                status.heartbeat().interval(), clock);
        heartbeat.start();
        return heartbeat;
    }

    void stop(@Disposes InstanceHeartbeat heartbeat) {
        heartbeat.close();
    }

    /** The consumers of every incoming channel: its {@code concurrency}, 1 when not set. */
    static int concurrency(Config config) {
        return StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(name -> name.startsWith(INCOMING) && name.endsWith(".connector"))
                .map(name -> name.substring(0, name.length() - ".connector".length()))
                .mapToInt(channel -> config.getOptionalValue(channel + ".concurrency", Integer.class).orElse(1))
                .sum();
    }

    private static Integer inFlight(MeterRegistry registry) {
        var gauges = registry.find(IN_FLIGHT_GAUGE).gauges();
        return gauges.isEmpty() ? null : (int) gauges.stream().mapToDouble(Gauge::value).sum();
    }

    private static String hostAndProcess() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "unknown-host";
            }
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
