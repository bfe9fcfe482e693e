package dev.subtitles.eventconsumer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * CPU used so far (own time only) by each process whose command is {@code command}, by pid. With
     * {@link #connectionPorts} it gives the time of the PostgreSQL backends that serve the instances, which unlike
     * the whole server does not count other clients.
     */
    static Map<Long, Duration> ownByPid(String command) {
        Map<Long, Duration> used = new HashMap<>();
        try (Stream<Path> processes = Files.list(PROC)) {
            processes.filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(process -> {
                        Stat stat = stat(process);
                        if (stat != null && stat.command().equals(command)) {
                            used.put(Long.parseLong(process.getFileName().toString()), stat.own());
                        }
                    });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return used;
    }

    /**
     * The local ports of the TCP connections that process {@code pid} holds to {@code remotePort} on loopback, read
     * from its socket descriptors and {@code /proc/net/tcp}: PostgreSQL reports them as its backends' client ports.
     */
    static Set<Integer> connectionPorts(long pid, int remotePort) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(PROC.resolve(Long.toString(pid)).resolve("fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the descriptors of process " + pid, e);
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            try {
                for (String line : Files.readAllLines(PROC.resolve(table))) {
                    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 9 && inodes.contains(fields[9])
                            && Integer.parseInt(fields[2].substring(fields[2].indexOf(':') + 1), 16) == remotePort) {
                        ports.add(Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16));
                    }
                }
            } catch (IOException e) {
                // no IPv6 table
            }
        }
        return ports;
    }

    private static void addTo(Map<String, Duration> used, Path process) {
        Stat stat = stat(process);
        if (stat != null && used.containsKey(stat.command())) {
            used.merge(stat.command(), stat.withChildren(), Duration::plus);
        }
    }

    /** The command and CPU times of a process, or {@code null} when it ended. */
    private static Stat stat(Path process) {
        String stat;
        try {
            stat = Files.readString(process.resolve("stat"));
        } catch (IOException e) {
            return null;
        }
        // pid (comm) state ppid ...: comm may hold spaces, so fields are counted from the closing parenthesis.
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String[] fields = stat.substring(close + 2).split(" ");
        // Fields 14-17 of stat (utime, stime, cutime, cstime) are at 11-14 once pid and comm are cut off.
        long[] ticks = new long[4];
        for (int i = 0; i < 4; i++) {
            ticks[i] = Long.parseLong(fields[11 + i]);
        }
        return new Stat(stat.substring(open + 1, close), ticks(ticks[0] + ticks[1]),
                ticks(ticks[0] + ticks[1] + ticks[2] + ticks[3]));
    }

    private static Duration ticks(long ticks) {
        return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
    }

    private record Stat(String command, Duration own, Duration withChildren) {
    }
}
