package dev.subtitles.eventconsumer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time used so far by the local servers the event-consumer talks to, read from Linux {@code /proc}: every process
 * whose command is {@code beam.smp} (RabbitMQ), {@code postgres} or {@code redis-server}, own time plus the time of
 * its reaped children (so PostgreSQL backends that ended still count through the postmaster). The servers are shared
 * with whatever else runs on the machine, so the figures include that too.
 */
final class ServerCpu {

    /** The servers by the command name of their processes, in report order. */
    static final List<String> SERVERS = List.of("beam.smp", "postgres", "redis-server");
    /** USER_HZ: the unit of the times in {@code /proc/<pid>/stat}, 100 on every Linux we run on. */
    private static final long TICKS_PER_SECOND = 100;
    private static final Path PROC = Path.of("/proc");

    private ServerCpu() {
    }

    /** CPU used so far per server (empty when there is no {@code /proc}, e.g. not on Linux). */
    static Map<String, Duration> snapshot() {
        Map<String, Duration> used = new LinkedHashMap<>();
        if (!Files.isDirectory(PROC)) {
            return used;
        }
        SERVERS.forEach(server -> used.put(server, Duration.ZERO));
        try (Stream<Path> processes = Files.list(PROC)) {
            processes.filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(process -> addTo(used, process));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return used;
    }

    /** {@code after - before}, per server. */
    static Map<String, Duration> between(Map<String, Duration> before, Map<String, Duration> after) {
        Map<String, Duration> used = new LinkedHashMap<>();
        after.forEach((server, total) -> used.put(server, total.minus(before.getOrDefault(server, Duration.ZERO))));
        return used;
    }

    private static void addTo(Map<String, Duration> used, Path process) {
        String stat;
        try {
            stat = Files.readString(process.resolve("stat"));
        } catch (IOException e) {
            return; // the process ended meanwhile
        }
        // pid (comm) state ppid ...: comm may hold spaces, so fields are counted from the closing parenthesis.
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String command = stat.substring(open + 1, close);
        if (!used.containsKey(command)) {
            return;
        }
        String[] fields = stat.substring(close + 2).split(" ");
        // Fields 14-17 of stat (utime, stime, cutime, cstime) are at 11-14 once pid and comm are cut off.
        long ticks = 0;
        for (int i = 11; i <= 14; i++) {
            ticks += Long.parseLong(fields[i]);
        }
        used.merge(command, Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND), Duration::plus);
    }
}
