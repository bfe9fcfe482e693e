package dev.subtitles.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CPU time from Linux's {@code /proc}, in clock ticks ({@code getconf CLK_TCK} per second): each process's
 * {@code utime + stime} (all its threads) from {@code /proc/<pid>/stat}, and the machine's busy time from
 * {@code /proc/stat}.
 */
final class ProcStat {

    private static final Path PROC = Path.of("/proc");

    private ProcStat() {
    }

    /**
     * One process at one moment.
     *
     * @param pid its id
     * @param ppid its parent's id
     * @param command its command name ({@code comm}: {@code postgres}, {@code redis-server}, {@code beam.smp}, ...)
     * @param startTicks when it started, in ticks since boot: with the pid, who it is (pids are reused)
     * @param cpuTicks user and system time used so far
     */
    record ProcessTicks(long pid, long ppid, String command, long startTicks, long cpuTicks) {
    }

    /** Every process now; one that exits while being read is left out. */
    static List<ProcessTicks> processes() {
        List<ProcessTicks> processes = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                of(Long.parseLong(entry.getFileName().toString())).ifPresent(processes::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return processes;
    }

    /** The process {@code pid} now; empty if there is none. */
    static Optional<ProcessTicks> of(long pid) {
        String stat;
        try {
            stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
        } catch (IOException goneOrExiting) {
            // no such process, or it exited while being read (ESRCH)
            return Optional.empty();
        }
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, the fields after the last ')' cannot
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String[] fields = stat.substring(close + 2).trim().split(" ");
        // fields[0] is field 3 of proc(5): ppid 4, utime 14, stime 15, starttime 22
        return Optional.of(new ProcessTicks(pid, Long.parseLong(fields[1]), stat.substring(open + 1, close),
                Long.parseLong(fields[19]), Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
    }

    /**
     * The machine's busy time so far, all cores: user, nice, system, irq, softirq and steal of the {@code cpu} line
     * of {@code /proc/stat} (guest time is already in user).
     */
    static long machineBusyTicks() {
        try {
            String cpu = Files.readAllLines(PROC.resolve("stat"), StandardCharsets.UTF_8).get(0);
            String[] fields = cpu.trim().split("\\s+");
            long busy = 0;
            for (int field : new int[] { 1, 2, 3, 6, 7, 8 }) {
                busy += Long.parseLong(fields[field]);
            }
            return busy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Clock ticks per second, from {@code getconf CLK_TCK}. */
    static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String output = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (getconf.waitFor() != 0) {
                throw new IllegalStateException("getconf CLK_TCK failed: " + output);
            }
            return Long.parseLong(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking getconf", e);
        }
    }
}
