package dev.subtitles.downloader.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.subtitles.downloader.support.InjectWireMock;
import dev.subtitles.downloader.support.OpenSubtitlesStub;
import dev.subtitles.downloader.support.TestBroker;
import dev.subtitles.downloader.support.TestLibrary;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Jobs per second when the only provider answers after 200 ms, at one and two instances. One job at a time would
 * cap an instance at 1 / 0.2 s = 5 jobs/s; bounded concurrency per instance must beat that. See README: Benchmark.
 */
@Tag("benchmark")
@QuarkusTest
@TestProfile(BenchmarkProfiles.SlowProvider.class)
@QuarkusTestResource(TestLibrary.class)
@QuarkusTestResource(TestBroker.class)
@QuarkusTestResource(OpenSubtitlesStub.class)
class SlowProviderBenchmark {

    private static final double ONE_AT_A_TIME = 1000.0 / BenchmarkRun.PROVIDER_LATENCY_MS;

    @InjectWireMock
    WireMockServer wireMock;

    @ConfigProperty(name = "mp.messaging.incoming.requests.concurrency")
    int concurrency;

    @Test
    void slowProviderDoesNotCapThroughputAtOneJobPerLatency() throws Exception {
        BenchmarkRun.stubSlowProvider(wireMock);
        System.out.printf("BENCHMARK provider latency %d ms, concurrency per instance %d%n",
                BenchmarkRun.PROVIDER_LATENCY_MS, concurrency);
        List<Double> rates = BenchmarkRun.oneThenTwoInstances("slow provider (200 ms)", 200, "opensubtitles");

        assertThat(rates).allSatisfy(rate -> assertThat(rate).isGreaterThan(ONE_AT_A_TIME));
    }
}
