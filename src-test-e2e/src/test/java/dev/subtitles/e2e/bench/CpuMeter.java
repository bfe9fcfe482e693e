package dev.subtitles.e2e.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * CPU time of named groups of processes between two {@link Snapshot}s: a service's JVM, every process of a server,
 * a process and its children. A process that started in between counts from zero; one that exited in between is
 * missing from the second snapshot and its time with it.
 */
final class CpuMeter {

    private final List<Group> groups = new ArrayList<>();

    /** The process {@code pid} alone. */
    CpuMeter process(String name, long pid) {
        groups.add(new Group(name, all -> process -> process.pid() == pid));
        return this;
    }

    /** The process {@code pid} and all its descendants at the moment of each snapshot. */
    CpuMeter tree(String name, long pid) {
        groups.add(new Group(name, all -> {
            Set<Long> tree = descendants(all, pid);
            return process -> tree.contains(process.pid());
        }));
        return this;
    }

    /** Every process whose command name is {@code command}. */
    CpuMeter command(String name, String command) {
        groups.add(new Group(name, all -> process -> process.command().equals(command)));
        return this;
    }

    Snapshot snapshot() {
        List<ProcStat.ProcessTicks> all = ProcStat.processes();
        Map<String, List<ProcStat.ProcessTicks>> members = new LinkedHashMap<>();
        for (Group group : groups) {
            members.put(group.name(), all.stream().filter(group.selector().select(all)).toList());
        }
        return new Snapshot(members, ProcStat.machineBusyTicks());
    }

    private static Set<Long> descendants(List<ProcStat.ProcessTicks> all, long root) {
        Set<Long> tree = new HashSet<>(Set.of(root));
        boolean grown = true;
        while (grown) {
            grown = false;
            for (ProcStat.ProcessTicks process : all) {
                if (tree.contains(process.ppid()) && tree.add(process.pid())) {
                    grown = true;
                }
            }
        }
        return tree;
    }

    /** Picks a group's processes out of all processes, looking at all of them first (to follow parents). */
    @FunctionalInterface
    private interface Selector {
        Predicate<ProcStat.ProcessTicks> select(List<ProcStat.ProcessTicks> all);
    }

    private record Group(String name, Selector selector) {
    }

    /** Each group's processes, and the machine's busy ticks, at one moment. */
    record Snapshot(Map<String, List<ProcStat.ProcessTicks>> members, long machineBusyTicks) {

        /** The ticks each group used since {@code before}, in the order the groups were named. */
        List<Usage> since(Snapshot before) {
            List<Usage> usages = new ArrayList<>();
            members.forEach((group, processes) -> {
                Map<Identity, Long> earlier = new HashMap<>();
                before.members().getOrDefault(group, List.of())
                        .forEach(process -> earlier.put(identity(process), process.cpuTicks()));
                long ticks = processes.stream()
                        .mapToLong(process -> process.cpuTicks() - earlier.getOrDefault(identity(process), 0L))
                        .sum();
                usages.add(new Usage(group, processes.size(), ticks));
            });
            return usages;
        }

        long machineBusyTicksSince(Snapshot before) {
            return machineBusyTicks - before.machineBusyTicks();
        }

        private static Identity identity(ProcStat.ProcessTicks process) {
            return new Identity(process.pid(), process.startTicks());
        }

        /** Who a process is: pids are reused, not together with the start time. */
        private record Identity(long pid, long startTicks) {
        }
    }

    /** What one group used: how many processes it had at the end, and their ticks. */
    record Usage(String group, int processes, long ticks) {
    }
}
