package dev.subtitles.common.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The PromQL of the Grafana dashboard under {@code deploy/grafana/}, read for tests: every metric a query names, by the
 * service (the Prometheus {@code job} label) its selector names. The dashboard writes every metric as a selector with a
 * {@code job="<service>"} matcher, so each service's tests can check the metrics that are theirs; {@link #problems()}
 * lists what breaks that rule.
 */
public final class DashboardQueries {

    /** The dashboard, from a module's directory (where Maven runs its tests). */
    public static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "subtitle-pipeline.json");
    /** The services a query may name, as the scrape configuration of docs/observability.md names their jobs. */
    public static final Set<String> SERVICES = Set.of("manager", "downloader", "translator", "event-consumer");

    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern JOB = Pattern.compile("\\bjob\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern RANGE_OR_STRING = Pattern.compile("\\[[^]]*]|\"[^\"]*\"");
    private static final Pattern GROUPING = Pattern
            .compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern FUNCTION = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*\\s*\\(");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![0-9.$])\\b[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring",
            "group_left", "group_right");

    private final List<String> expressions;

    private DashboardQueries(List<String> expressions) {
        this.expressions = expressions;
    }

    /** The queries of the dashboard at {@link #DASHBOARD}. */
    public static DashboardQueries read() {
        return read(DASHBOARD);
    }

    /** The queries of the dashboard at {@code dashboard}: every {@code expr} of every panel's targets. */
    public static DashboardQueries read(Path dashboard) {
        try {
            JsonNode root = new ObjectMapper().readTree(Files.readString(dashboard));
            List<String> expressions = new ArrayList<>();
            root.findValues("targets").forEach(targets -> targets
                    .forEach(target -> expressions.add(target.path("expr").asText(""))));
            return new DashboardQueries(expressions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dashboard.toAbsolutePath(), e);
        }
    }

    /** Every query, in the dashboard's order. */
    public List<String> expressions() {
        return expressions;
    }

    /** The metric names the queries select, by the service their {@code job} matcher names. */
    public Map<String, Set<String>> metricsByService() {
        Map<String, Set<String>> metrics = new TreeMap<>();
        for (String expression : expressions) {
            Matcher selector = SELECTOR.matcher(expression);
            while (selector.find()) {
                Matcher job = JOB.matcher(selector.group(2));
                String service = job.find() ? job.group(1) : "";
                metrics.computeIfAbsent(service, ignored -> new TreeSet<>()).add(selector.group(1));
            }
        }
        return metrics;
    }

    /** The metric names the queries select from {@code service}. */
    public Set<String> metricsOf(String service) {
        return metricsByService().getOrDefault(service, Set.of());
    }

    /**
     * What breaks the dashboard's rule, one line each: an empty query, a selector without a {@code job} matcher or
     * with an unknown service, a metric named without a selector.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (String expression : expressions) {
            if (expression.isBlank()) {
                problems.add("a target without an expr");
                continue;
            }
            Matcher selector = SELECTOR.matcher(expression);
            while (selector.find()) {
                Matcher job = JOB.matcher(selector.group(2));
                if (!job.find() || !SERVICES.contains(job.group(1))) {
                    problems.add(selector.group() + ": no job=\"<service>\" matcher naming one of " + SERVICES);
                }
            }
            for (String bare : bareNames(expression)) {
                problems.add(expression + ": " + bare + " is not written as a selector with a job matcher");
            }
        }
        return problems;
    }

    /** Identifiers left once selectors, ranges, strings, groupings, function names and keywords are taken out. */
    static Set<String> bareNames(String expression) {
        String rest = SELECTOR.matcher(expression).replaceAll(" ");
        rest = RANGE_OR_STRING.matcher(rest).replaceAll(" ");
        rest = GROUPING.matcher(rest).replaceAll(" ");
        rest = FUNCTION.matcher(rest).replaceAll(" ");
        Set<String> bare = new HashSet<>();
        Matcher identifier = IDENTIFIER.matcher(rest);
        while (identifier.find()) {
            if (!KEYWORDS.contains(identifier.group())) {
                bare.add(identifier.group());
            }
        }
        return bare;
    }

    /** The names of the series a Prometheus text exposition ({@code /q/metrics}) holds. */
    public static Set<String> exposedNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }
}
