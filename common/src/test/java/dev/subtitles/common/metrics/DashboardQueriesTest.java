package dev.subtitles.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DashboardQueriesTest {

    @Test
    void everyQueryOfTheDashboardNamesItsMetricsBySelectorsWithAServiceJob() {
        DashboardQueries dashboard = DashboardQueries.read();

        assertThat(dashboard.expressions()).isNotEmpty();
        assertThat(dashboard.problems()).isEmpty();
        assertThat(dashboard.metricsByService().keySet()).containsExactlyInAnyOrderElementsOf(DashboardQueries.SERVICES);
    }

    @Test
    void aMetricWithoutSelectorIsFoundAmongFunctionsGroupingsAndRanges() {
        assertThat(DashboardQueries.bareNames("histogram_quantile(0.99, sum by (le) (rate(a_bucket{job=\"manager\"}"
                + "[$__rate_interval]))) / on (instance) group_left b_total > bool 2")).containsExactly("b_total");
    }

    @Test
    void exposedNamesAreTheSeriesNamesOfTheExposition() {
        String exposition = """
                # HELP x_total things
                # TYPE x_total counter
                x_total{a="b"} 1.0
                y_seconds_bucket{le="0.005"} 0
                z 3
                """;

        assertThat(DashboardQueries.exposedNames(exposition)).containsExactly("x_total", "y_seconds_bucket", "z");
    }
}
